package io.github.discountcard.client.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /v3/discount-card/cards/{out_card_code}/add-user-records} (增加用户记录): what the user
 * did towards the card's objectives and which rewards they used ({@code out_card_code} is a path parameter).
 * <p>
 * Both lists are never {@code null}: a {@code null} list becomes an empty one, lists are unmodifiable copies and
 * {@code null} elements are dropped; an empty list is left out of the JSON. The constructor does not validate;
 * {@link #problems()} lists what would be refused.
 *
 * @param cardTemplateId {@code card_template_id}: the card's template (required, ≤ 64)
 * @param objectiveCompletionRecords {@code objective_completion_records}: at most one per call
 * @param rewardUsageRecords {@code reward_usage_records}: reward usage records
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AddUserRecordsRequest(
        @JsonProperty("card_template_id") @Nullable String cardTemplateId,
        @JsonProperty("objective_completion_records") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<ObjectiveCompletionRecord> objectiveCompletionRecords,
        @JsonProperty("reward_usage_records") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<RewardUsageRecord> rewardUsageRecords) {

    // null lists become empty, null elements are dropped, the lists are unmodifiable copies
    public AddUserRecordsRequest {
        objectiveCompletionRecords = ModelLists.copyOf(objectiveCompletionRecords);
        rewardUsageRecords = ModelLists.copyOf(rewardUsageRecords);
    }

    /**
     * A builder collecting records in order.
     * @return a new, empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A copy with another {@code card_template_id}.
     * @param cardTemplateId the template id
     * @return the copy
     */
    public AddUserRecordsRequest withCardTemplateId(String cardTemplateId) {
        return new AddUserRecordsRequest(cardTemplateId, this.objectiveCompletionRecords, this.rewardUsageRecords);
    }

    /**
     * What would be refused in this request, one message per problem naming the field by its JSON path, e.g.
     * {@code "reward_usage_records[0].amount must be more than 0 fen but was 0"}.
     * <p>
     * Checked: {@code card_template_id} present (≤ 64); at least one record; at most one objective completion
     * record (WeChat's page allows one per call); every required field present; serial numbers and ids ≤ 32,
     * descriptions ≤ 20 and remarks ≤ 50 characters; counts at least 1; amounts more than 0. Unknown
     * {@code completion_type} / {@code usage_type} values are allowed.
     * @return the problems, empty when the request is valid; never {@code null}
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        ModelChecks.text("card_template_id", this.cardTemplateId, CardLimits.CARD_TEMPLATE_ID, problems);
        if (this.objectiveCompletionRecords.isEmpty() && this.rewardUsageRecords.isEmpty()) {
            problems.add("objective_completion_records and reward_usage_records are both empty: at least one record "
                    + "is required");
        }
        if (this.objectiveCompletionRecords.size() > 1) {
            problems.add("objective_completion_records has " + this.objectiveCompletionRecords.size()
                    + " records but WeChat accepts at most one objective completion record per call: send the others "
                    + "in further calls");
        }
        for (int i = 0; i < this.objectiveCompletionRecords.size(); i++) {
            this.objectiveCompletionRecords.get(i).collectProblems("objective_completion_records[" + i + "]", problems);
        }
        for (int i = 0; i < this.rewardUsageRecords.size(); i++) {
            this.rewardUsageRecords.get(i).collectProblems("reward_usage_records[" + i + "]", problems);
        }
        return List.copyOf(problems);
    }

    /** Builds an {@link AddUserRecordsRequest}, keeping the records in the order they were added. */
    public static final class Builder {

        private @Nullable String cardTemplateId;

        private final List<ObjectiveCompletionRecord> objectiveCompletionRecords = new ArrayList<>();

        private final List<RewardUsageRecord> rewardUsageRecords = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets {@code card_template_id}.
         * @param cardTemplateId the card's template id
         * @return this builder
         */
        public Builder cardTemplateId(String cardTemplateId) {
            this.cardTemplateId = cardTemplateId;
            return this;
        }

        /**
         * Adds an objective completion record (WeChat accepts one per call).
         * @param record the record
         * @return this builder
         */
        public Builder objectiveCompletionRecord(ObjectiveCompletionRecord record) {
            this.objectiveCompletionRecords.add(record);
            return this;
        }

        /**
         * Adds a reward usage record.
         * @param record the record
         * @return this builder
         */
        public Builder rewardUsageRecord(RewardUsageRecord record) {
            this.rewardUsageRecords.add(record);
            return this;
        }

        /**
         * Adds reward usage records.
         * @param records the records
         * @return this builder
         */
        public Builder rewardUsageRecords(Collection<? extends RewardUsageRecord> records) {
            this.rewardUsageRecords.addAll(records);
            return this;
        }

        /**
         * Builds the request, without validating it.
         * @return the request
         */
        public AddUserRecordsRequest build() {
            return new AddUserRecordsRequest(this.cardTemplateId, this.objectiveCompletionRecords,
                    this.rewardUsageRecords);
        }
    }
}
