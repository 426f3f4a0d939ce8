package io.github.discountcard.client.model;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * One objective completion record (目标完成记录) of an {@link UpdateOrderRequest}: the user did something
 * that counts towards an objective of the card.
 * <p>
 * Every component but {@code remark} is required by WeChat; the constructor does not check that (so any
 * JSON can be read), {@link UpdateOrderRequest#problems()} does.
 *
 * @param objectiveSerialNo {@code objective_serial_no}: the merchant's serial number of this record, the key
 * WeChat dedupes on (required)
 * @param objectiveId {@code objective_id}: the id of the card's objective (required)
 * @param performanceDescription {@code performance_description}: what the user did (required)
 * @param performanceType {@code performance_type}: {@code INCREASE} or {@code DECREASE} (required)
 * @param count {@code count}: how many, not negative (required)
 * @param performanceTime {@code performance_time}: when, RFC 3339 with offset (required)
 * @param remark {@code remark}: optional remark
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Objective(
        @JsonProperty("objective_serial_no") @Nullable String objectiveSerialNo,
        @JsonProperty("objective_id") @Nullable Long objectiveId,
        @JsonProperty("performance_description") @Nullable String performanceDescription,
        @JsonProperty("performance_type") @Nullable PerformanceType performanceType,
        @JsonProperty("count") @Nullable Long count,
        @JsonProperty("performance_time") @JsonSerialize(using = Rfc3339.Serializer.class)
        @JsonDeserialize(using = Rfc3339.Deserializer.class) @Nullable OffsetDateTime performanceTime,
        @JsonProperty("remark") @Nullable String remark) {

    /**
     * A builder; {@link Builder#build()} does not validate, see {@link UpdateOrderRequest#problems()}.
     * @return a new, empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    void collectProblems(String path, List<String> problems) {
        ModelChecks.serialNo(path + ".objective_serial_no", this.objectiveSerialNo, problems);
        ModelChecks.required(path + ".objective_id", this.objectiveId, problems);
        ModelChecks.required(path + ".performance_description", this.performanceDescription, problems);
        ModelChecks.required(path + ".performance_type", this.performanceType, problems);
        ModelChecks.notNegative(path + ".count", this.count, problems);
        ModelChecks.required(path + ".performance_time", this.performanceTime, problems);
    }

    /** Builds an {@link Objective}; the setters are named after the record components. */
    public static final class Builder {

        private @Nullable String objectiveSerialNo;

        private @Nullable Long objectiveId;

        private @Nullable String performanceDescription;

        private @Nullable PerformanceType performanceType;

        private @Nullable Long count;

        private @Nullable OffsetDateTime performanceTime;

        private @Nullable String remark;

        private Builder() {
        }

        /**
         * Sets {@code objective_serial_no}, the merchant's serial number of this record (WeChat's dedupe key).
         * @param objectiveSerialNo the serial number
         * @return this builder
         */
        public Builder objectiveSerialNo(String objectiveSerialNo) {
            this.objectiveSerialNo = objectiveSerialNo;
            return this;
        }

        /**
         * Sets {@code objective_id}, the id of the card's objective.
         * @param objectiveId the objective id
         * @return this builder
         */
        public Builder objectiveId(long objectiveId) {
            this.objectiveId = objectiveId;
            return this;
        }

        /**
         * Sets {@code performance_description}, what the user did.
         * @param performanceDescription the description
         * @return this builder
         */
        public Builder performanceDescription(String performanceDescription) {
            this.performanceDescription = performanceDescription;
            return this;
        }

        /**
         * Sets {@code performance_type}.
         * @param performanceType {@link PerformanceType#INCREASE} or {@link PerformanceType#DECREASE}
         * @return this builder
         */
        public Builder performanceType(PerformanceType performanceType) {
            this.performanceType = performanceType;
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
         * Sets {@code performance_time}; it is sent with its own offset.
         * @param performanceTime when the user did it
         * @return this builder
         */
        public Builder performanceTime(OffsetDateTime performanceTime) {
            this.performanceTime = performanceTime;
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
         * @return the objective record
         */
        public Objective build() {
            return new Objective(this.objectiveSerialNo, this.objectiveId, this.performanceDescription,
                    this.performanceType, this.count, this.performanceTime, this.remark);
        }
    }
}
