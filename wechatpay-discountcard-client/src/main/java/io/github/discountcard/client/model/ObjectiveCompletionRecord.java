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
 * An objective completion record (目标完成记录) of the cards family: sent in an {@link AddUserRecordsRequest}, and
 * read back in a {@link CardObjective} of a {@link DiscountCard}.
 * <p>
 * Every component but {@code remark} is required by WeChat; the constructor does not check that (so any JSON can
 * be read), {@link AddUserRecordsRequest#problems()} does. JSON properties this version
 * does not know are kept in {@code unknownFields}.
 *
 * @param objectiveCompletionSerialNo {@code objective_completion_serial_no}: the merchant's serial number of this
 * record (≤ 32), the key WeChat applies each record once by
 * @param objectiveId {@code objective_id}: the id of the card's objective (a string in this family, ≤ 32)
 * @param completionTime {@code completion_time}: when, RFC 3339 with its offset
 * @param completionType {@code completion_type}: {@code INCREASE}, {@code DECREASE} (a reversal) or a future value
 * @param description {@code description}: what the user did (≤ 20 characters)
 * @param completionCount {@code completion_count}: how many (at least 1)
 * @param remark {@code remark}: optional remark (≤ 50 characters)
 * @param unknownFields the JSON properties this version does not know, kept for a round trip; never
 * {@code null}; {@code toString()} names them without their values
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ObjectiveCompletionRecord(
        @JsonProperty("objective_completion_serial_no") @Nullable String objectiveCompletionSerialNo,
        @JsonProperty("objective_id") @Nullable String objectiveId,
        @JsonProperty("completion_time") @JsonSerialize(using = Rfc3339.Serializer.class)
        @JsonDeserialize(using = Rfc3339.Deserializer.class) @Nullable OffsetDateTime completionTime,
        @JsonProperty("completion_type") @Nullable RecordType completionType,
        @JsonProperty("description") @Nullable String description,
        @JsonProperty("completion_count") @Nullable Long completionCount,
        @JsonProperty("remark") @Nullable String remark,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> unknownFields) {

    public ObjectiveCompletionRecord {
        unknownFields = UnknownFields.copyOf(unknownFields);
    }

    /** The record with no unknown fields: for code that builds one rather than reading it. */
    public ObjectiveCompletionRecord(@Nullable String objectiveCompletionSerialNo, @Nullable String objectiveId,
            @Nullable OffsetDateTime completionTime, @Nullable RecordType completionType, @Nullable String description,
            @Nullable Long completionCount, @Nullable String remark) {
        this(objectiveCompletionSerialNo, objectiveId, completionTime, completionType, description, completionCount,
                remark, Map.of());
    }

    /**
     * A builder; {@link Builder#build()} does not validate, see {@link AddUserRecordsRequest#problems()}.
     * @return a new, empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    void collectProblems(String path, List<String> problems) {
        ModelChecks.text(path + ".objective_completion_serial_no", this.objectiveCompletionSerialNo,
                CardLimits.SERIAL_NO, problems);
        ModelChecks.text(path + ".objective_id", this.objectiveId, CardLimits.ID, problems);
        ModelChecks.required(path + ".completion_time", this.completionTime, problems);
        ModelChecks.required(path + ".completion_type", this.completionType, problems);
        ModelChecks.text(path + ".description", this.description, CardLimits.DESCRIPTION, problems);
        ModelChecks.positive(path + ".completion_count", this.completionCount, problems);
        ModelChecks.maxLength(path + ".remark", this.remark, CardLimits.REMARK, problems);
    }

    /** Builds an {@link ObjectiveCompletionRecord}; the setters are named after the record components. */
    public static final class Builder {

        private @Nullable String objectiveCompletionSerialNo;

        private @Nullable String objectiveId;

        private @Nullable OffsetDateTime completionTime;

        private @Nullable RecordType completionType;

        private @Nullable String description;

        private @Nullable Long completionCount;

        private @Nullable String remark;

        private Builder() {
        }

        /**
         * Sets {@code objective_completion_serial_no}; a serial number WeChat has seen is not applied again.
         * @param objectiveCompletionSerialNo the merchant's serial number of this record
         * @return this builder
         */
        public Builder objectiveCompletionSerialNo(String objectiveCompletionSerialNo) {
            this.objectiveCompletionSerialNo = objectiveCompletionSerialNo;
            return this;
        }

        /**
         * Sets {@code objective_id}, from the card ({@link DiscountCard#objectives()}).
         * @param objectiveId the objective id
         * @return this builder
         */
        public Builder objectiveId(String objectiveId) {
            this.objectiveId = objectiveId;
            return this;
        }

        /**
         * Sets {@code completion_time}; it is sent with its own offset.
         * @param completionTime when the user did it
         * @return this builder
         */
        public Builder completionTime(OffsetDateTime completionTime) {
            this.completionTime = completionTime;
            return this;
        }

        /**
         * Sets {@code completion_type}.
         * @param completionType {@link RecordType#INCREASE} or {@link RecordType#DECREASE}
         * @return this builder
         */
        public Builder completionType(RecordType completionType) {
            this.completionType = completionType;
            return this;
        }

        /**
         * Sets {@code description}, what the user did.
         * @param description at most 20 characters
         * @return this builder
         */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /**
         * Sets {@code completion_count}.
         * @param completionCount how many, at least 1
         * @return this builder
         */
        public Builder completionCount(long completionCount) {
            this.completionCount = completionCount;
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
        public ObjectiveCompletionRecord build() {
            return new ObjectiveCompletionRecord(this.objectiveCompletionSerialNo, this.objectiveId,
                    this.completionTime, this.completionType, this.description, this.completionCount, this.remark);
        }
    }
}
