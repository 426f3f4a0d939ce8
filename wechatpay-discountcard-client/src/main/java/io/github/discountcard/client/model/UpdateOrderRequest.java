package io.github.discountcard.client.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code PATCH /v3/discount-card/orders/{out_order_no}}: objective completion records and reward
 * usage records to report for one discount card order ({@code out_order_no} is a path parameter, not part of
 * the body).
 * <p>
 * Both lists are never {@code null}: a {@code null} list becomes an empty one, lists are copied (unmodifiable)
 * and {@code null} elements are dropped. An empty list is left out of the JSON. The constructor does not
 * validate; {@link #problems()} lists what WeChat would reject.
 *
 * @param objectives {@code objectives}: objective completion records
 * @param rewards {@code rewards}: reward usage records
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpdateOrderRequest(
        @JsonProperty("objectives") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Objective> objectives,
        @JsonProperty("rewards") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Reward> rewards) {

    // null lists become empty, null elements are dropped, the lists are unmodifiable copies
    public UpdateOrderRequest {
        objectives = ModelLists.copyOf(objectives);
        rewards = ModelLists.copyOf(rewards);
    }

    /**
     * A builder collecting objective and reward records in order.
     * @return a new, empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * What WeChat would reject in this request, one readable message per problem naming the field by its
     * JSON path, e.g. {@code "objectives[0].objective_serial_no is required"},
     * {@code "rewards[1].amount must not be negative"} or
     * {@code "at least one objective or reward is required"}.
     * <p>
     * Checked: at least one record; every required field present; serial numbers not blank; counts and
     * amounts not negative. Nothing unconfirmed is checked (no length limits, no limit on the number of
     * records, unknown {@code performance_type} / {@code reward_type} values are allowed).
     * @return the problems, empty when the request looks valid; never {@code null}
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (this.objectives.isEmpty() && this.rewards.isEmpty()) {
            problems.add("at least one objective or reward is required");
        }
        for (int i = 0; i < this.objectives.size(); i++) {
            this.objectives.get(i).collectProblems("objectives[" + i + "]", problems);
        }
        for (int i = 0; i < this.rewards.size(); i++) {
            this.rewards.get(i).collectProblems("rewards[" + i + "]", problems);
        }
        return List.copyOf(problems);
    }

    /** Builds an {@link UpdateOrderRequest}, keeping the records in the order they were added. */
    public static final class Builder {

        private final List<Objective> objectives = new ArrayList<>();

        private final List<Reward> rewards = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds an objective completion record.
         * @param objective the record
         * @return this builder
         */
        public Builder objective(Objective objective) {
            this.objectives.add(objective);
            return this;
        }

        /**
         * Adds objective completion records.
         * @param objectives the records
         * @return this builder
         */
        public Builder objectives(Collection<? extends Objective> objectives) {
            this.objectives.addAll(objectives);
            return this;
        }

        /**
         * Adds a reward usage record.
         * @param reward the record
         * @return this builder
         */
        public Builder reward(Reward reward) {
            this.rewards.add(reward);
            return this;
        }

        /**
         * Adds reward usage records.
         * @param rewards the records
         * @return this builder
         */
        public Builder rewards(Collection<? extends Reward> rewards) {
            this.rewards.addAll(rewards);
            return this;
        }

        /**
         * Builds the request, without validating it (see {@link UpdateOrderRequest#problems()}).
         * @return the request
         */
        public UpdateOrderRequest build() {
            return new UpdateOrderRequest(this.objectives, this.rewards);
        }
    }
}
