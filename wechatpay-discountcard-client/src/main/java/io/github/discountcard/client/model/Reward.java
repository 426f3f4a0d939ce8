package io.github.discountcard.client.model;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * One reward usage record (优惠使用记录) of an {@link UpdateOrderRequest}: the user used a reward of the card.
 * <p>
 * Every component but {@code remark} is required by WeChat; the constructor does not check that (so any
 * JSON can be read), {@link UpdateOrderRequest#problems()} does.
 *
 * @param rewardSerialNo {@code reward_serial_no}: the merchant's serial number of this record, the key WeChat
 * dedupes on (required)
 * @param rewardId {@code reward_id}: the id of the card's reward (required)
 * @param description {@code description}: what the reward was (required)
 * @param rewardType {@code reward_type}: {@code INCREASE} or {@code DECREASE} (required)
 * @param count {@code count}: how many, not negative (required)
 * @param amount {@code amount}: the amount in fen (分), not negative (required)
 * @param rewardTime {@code reward_time}: when, RFC 3339 with offset (required)
 * @param remark {@code remark}: optional remark
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reward(
        @JsonProperty("reward_serial_no") @Nullable String rewardSerialNo,
        @JsonProperty("reward_id") @Nullable Long rewardId,
        @JsonProperty("description") @Nullable String description,
        @JsonProperty("reward_type") @Nullable RewardType rewardType,
        @JsonProperty("count") @Nullable Long count,
        @JsonProperty("amount") @Nullable Long amount,
        @JsonProperty("reward_time") @JsonSerialize(using = Rfc3339.Serializer.class)
        @JsonDeserialize(using = Rfc3339.Deserializer.class) @Nullable OffsetDateTime rewardTime,
        @JsonProperty("remark") @Nullable String remark) {

    /**
     * A builder; {@link Builder#build()} does not validate, see {@link UpdateOrderRequest#problems()}.
     * @return a new, empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    void collectProblems(String path, List<String> problems) {
        ModelChecks.serialNo(path + ".reward_serial_no", this.rewardSerialNo, problems);
        ModelChecks.required(path + ".reward_id", this.rewardId, problems);
        ModelChecks.required(path + ".description", this.description, problems);
        ModelChecks.required(path + ".reward_type", this.rewardType, problems);
        ModelChecks.notNegative(path + ".count", this.count, problems);
        ModelChecks.notNegative(path + ".amount", this.amount, problems);
        ModelChecks.required(path + ".reward_time", this.rewardTime, problems);
    }

    /** Builds a {@link Reward}; the setters are named after the record components. */
    public static final class Builder {

        private @Nullable String rewardSerialNo;

        private @Nullable Long rewardId;

        private @Nullable String description;

        private @Nullable RewardType rewardType;

        private @Nullable Long count;

        private @Nullable Long amount;

        private @Nullable OffsetDateTime rewardTime;

        private @Nullable String remark;

        private Builder() {
        }

        /**
         * Sets {@code reward_serial_no}, the merchant's serial number of this record (WeChat's dedupe key).
         * @param rewardSerialNo the serial number
         * @return this builder
         */
        public Builder rewardSerialNo(String rewardSerialNo) {
            this.rewardSerialNo = rewardSerialNo;
            return this;
        }

        /**
         * Sets {@code reward_id}, the id of the card's reward.
         * @param rewardId the reward id
         * @return this builder
         */
        public Builder rewardId(long rewardId) {
            this.rewardId = rewardId;
            return this;
        }

        /**
         * Sets {@code description}, what the reward was.
         * @param description the description
         * @return this builder
         */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /**
         * Sets {@code reward_type}.
         * @param rewardType {@link RewardType#INCREASE} or {@link RewardType#DECREASE}
         * @return this builder
         */
        public Builder rewardType(RewardType rewardType) {
            this.rewardType = rewardType;
            return this;
        }

        /**
         * Sets {@code count}, how many.
         * @param count the count, not negative
         * @return this builder
         */
        public Builder count(long count) {
            this.count = count;
            return this;
        }

        /**
         * Sets {@code amount}, in fen (分).
         * @param amount the amount in fen, not negative
         * @return this builder
         */
        public Builder amount(long amount) {
            this.amount = amount;
            return this;
        }

        /**
         * Sets {@code reward_time}; it is sent with its own offset.
         * @param rewardTime when the reward was used
         * @return this builder
         */
        public Builder rewardTime(OffsetDateTime rewardTime) {
            this.rewardTime = rewardTime;
            return this;
        }

        /**
         * Sets the optional {@code remark}.
         * @param remark the remark, or {@code null} for none
         * @return this builder
         */
        public Builder remark(@Nullable String remark) {
            this.remark = remark;
            return this;
        }

        /**
         * Builds the record, without validating it.
         * @return the reward record
         */
        public Reward build() {
            return new Reward(this.rewardSerialNo, this.rewardId, this.description, this.rewardType, this.count,
                    this.amount, this.rewardTime, this.remark);
        }
    }
}
