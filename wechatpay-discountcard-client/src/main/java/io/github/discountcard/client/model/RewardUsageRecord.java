package io.github.discountcard.client.model;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * A reward usage record (优惠使用记录) of the cards family: sent in an {@link AddUserRecordsRequest}, and read back
 * in a {@link CardReward} of a {@link DiscountCard}.
 * <p>
 * Every component but {@code remark} is required by WeChat; the constructor does not check that (so any JSON can
 * be read), {@link AddUserRecordsRequest#problems()} does. JSON properties this version
 * does not know are kept in {@code unknownFields}.
 *
 * @param rewardUsageSerialNo {@code reward_usage_serial_no}: the merchant's serial number of this record (≤ 32),
 * the key WeChat applies each record once by
 * @param rewardId {@code reward_id}: the id of the card's reward (a string in this family, ≤ 32)
 * @param usageTime {@code usage_time}: when, RFC 3339 with its offset
 * @param usageType {@code usage_type}: {@code INCREASE}, {@code DECREASE} (a reversal) or a future value
 * @param description {@code description}: what the reward was (≤ 20 characters)
 * @param usageCount {@code usage_count}: how many (at least 1)
 * @param amount {@code amount}: the reward's value in fen (分), more than 0
 * @param remark {@code remark}: optional remark (≤ 50 characters)
 * @param unknownFields the JSON properties this version does not know, kept for a round trip; never
 * {@code null}; {@code toString()} names them without their values
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RewardUsageRecord(
        @JsonProperty("reward_usage_serial_no") @Nullable String rewardUsageSerialNo,
        @JsonProperty("reward_id") @Nullable String rewardId,
        @JsonProperty("usage_time") @JsonSerialize(using = Rfc3339.Serializer.class)
        @JsonDeserialize(using = Rfc3339.Deserializer.class) @Nullable OffsetDateTime usageTime,
        @JsonProperty("usage_type") @Nullable RecordType usageType,
        @JsonProperty("description") @Nullable String description,
        @JsonProperty("usage_count") @Nullable Long usageCount,
        @JsonProperty("amount") @Nullable Long amount,
        @JsonProperty("remark") @Nullable String remark,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> unknownFields) {

    public RewardUsageRecord {
        unknownFields = UnknownFields.copyOf(unknownFields);
    }

    /** The record with no unknown fields: for code that builds one rather than reading it. */
    public RewardUsageRecord(@Nullable String rewardUsageSerialNo, @Nullable String rewardId,
            @Nullable OffsetDateTime usageTime, @Nullable RecordType usageType, @Nullable String description,
            @Nullable Long usageCount, @Nullable Long amount, @Nullable String remark) {
        this(rewardUsageSerialNo, rewardId, usageTime, usageType, description, usageCount, amount, remark, Map.of());
    }

    /**
     * A builder; {@link Builder#build()} does not validate, see {@link AddUserRecordsRequest#problems()}.
     * @return a new, empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    void collectProblems(String path, List<String> problems) {
        ModelChecks.text(path + ".reward_usage_serial_no", this.rewardUsageSerialNo, CardLimits.SERIAL_NO, problems);
        ModelChecks.text(path + ".reward_id", this.rewardId, CardLimits.ID, problems);
        ModelChecks.required(path + ".usage_time", this.usageTime, problems);
        ModelChecks.required(path + ".usage_type", this.usageType, problems);
        ModelChecks.text(path + ".description", this.description, CardLimits.DESCRIPTION, problems);
        ModelChecks.positive(path + ".usage_count", this.usageCount, problems);
        if (this.amount == null) {
            problems.add(path + ".amount is required");
        }
        else if (this.amount <= 0) {
            problems.add(path + ".amount must be more than 0 fen but was " + this.amount);
        }
        ModelChecks.maxLength(path + ".remark", this.remark, CardLimits.REMARK, problems);
    }

    /** Builds a {@link RewardUsageRecord}; the setters are named after the record components. */
    public static final class Builder {

        private @Nullable String rewardUsageSerialNo;

        private @Nullable String rewardId;

        private @Nullable OffsetDateTime usageTime;

        private @Nullable RecordType usageType;

        private @Nullable String description;

        private @Nullable Long usageCount;

        private @Nullable Long amount;

        private @Nullable String remark;

        private Builder() {
        }

        /**
         * Sets {@code reward_usage_serial_no}; a serial number WeChat has seen is not applied again.
         * @param rewardUsageSerialNo the merchant's serial number of this record
         * @return this builder
         */
        public Builder rewardUsageSerialNo(String rewardUsageSerialNo) {
            this.rewardUsageSerialNo = rewardUsageSerialNo;
            return this;
        }

        /**
         * Sets {@code reward_id}, from the card ({@link DiscountCard#rewards()}).
         * @param rewardId the reward id
         * @return this builder
         */
        public Builder rewardId(String rewardId) {
            this.rewardId = rewardId;
            return this;
        }

        /**
         * Sets {@code usage_time}; it is sent with its own offset.
         * @param usageTime when the user used the reward
         * @return this builder
         */
        public Builder usageTime(OffsetDateTime usageTime) {
            this.usageTime = usageTime;
            return this;
        }

        /**
         * Sets {@code usage_type}.
         * @param usageType {@link RecordType#INCREASE} or {@link RecordType#DECREASE}
         * @return this builder
         */
        public Builder usageType(RecordType usageType) {
            this.usageType = usageType;
            return this;
        }

        /**
         * Sets {@code description}, what the reward was.
         * @param description at most 20 characters
         * @return this builder
         */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /**
         * Sets {@code usage_count}.
         * @param usageCount how many, at least 1
         * @return this builder
         */
        public Builder usageCount(long usageCount) {
            this.usageCount = usageCount;
            return this;
        }

        /**
         * Sets {@code amount}, the reward's value in fen.
         * @param amount more than 0
         * @return this builder
         */
        public Builder amount(long amount) {
            this.amount = amount;
            return this;
        }

        /**
         * Sets the optional {@code remark}.
         * @param remark at most 50 characters, or {@code null} for none
         * @return this builder
         */
        public Builder remark(@Nullable String remark) {
            this.remark = remark;
            return this;
        }

        /**
         * Builds the record, without validating it.
         * @return the record
         */
        public RewardUsageRecord build() {
            return new RewardUsageRecord(this.rewardUsageSerialNo, this.rewardId, this.usageTime, this.usageType,
                    this.description, this.usageCount, this.amount, this.remark);
        }
    }
}
