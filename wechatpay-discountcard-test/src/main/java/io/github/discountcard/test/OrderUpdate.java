package io.github.discountcard.test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The validated records of one {@code PATCH} request, ready to apply. */
record OrderUpdate(List<SimulatedObjective> objectives, List<SimulatedReward> rewards) {

    OrderUpdate {
        objectives = List.copyOf(objectives);
        rewards = List.copyOf(rewards);
    }

    /**
     * Applies the records whose serial numbers the order has not seen (a retried record counts once) and
     * recomputes the reward estimate.
     */
    SimulatedOrder applyTo(SimulatedOrder order) {
        Set<String> objectiveSerials = new HashSet<>();
        order.objectives().forEach((objective) -> objectiveSerials.add(objective.objectiveSerialNo()));
        List<SimulatedObjective> objectives = new ArrayList<>(order.objectives());
        for (SimulatedObjective objective : this.objectives) {
            if (objectiveSerials.add(objective.objectiveSerialNo())) {
                objectives.add(objective);
            }
        }
        Set<String> rewardSerials = new HashSet<>();
        order.rewards().forEach((reward) -> rewardSerials.add(reward.rewardSerialNo()));
        List<SimulatedReward> rewards = new ArrayList<>(order.rewards());
        for (SimulatedReward reward : this.rewards) {
            if (rewardSerials.add(reward.rewardSerialNo())) {
                rewards.add(reward);
            }
        }
        if (objectives.size() == order.objectives().size() && rewards.size() == order.rewards().size()) {
            return order; // a pure retry: nothing new
        }
        return order.withRecords(objectives, rewards);
    }
}
