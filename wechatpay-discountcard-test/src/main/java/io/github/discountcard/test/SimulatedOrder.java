package io.github.discountcard.test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of one discount card order as the simulator holds it: every field of the query response
 * (spec §1). Amounts are in fen. The optional settlement fields are {@code null} until a test sets them
 * (see {@link #withSettlement}); {@code objectives} and {@code rewards} are the applied records, each once.
 * <p>
 * {@code state} is a string so that a test can return a value that WeChat may add later; see {@link OrderState}.
 */
public record SimulatedOrder(String outOrderNo, String discountCardId, String outTradeNo, String appid,
        String serviceId, String orderId, String openid, OffsetDateTime cardBeginTime, OffsetDateTime cardEndTime,
        String cardName, String objectiveDescription, String rewardDescription, long estimatedRewardAmount,
        String state, OffsetDateTime createTime, @Nullable String transactionId, @Nullable String onlineInstructions,
        @Nullable String offlineInstructions, @Nullable Long totalAmount, @Nullable Long deductionAmount,
        @Nullable Long settlementAmount, @Nullable OffsetDateTime payTime, List<SimulatedObjective> objectives,
        List<SimulatedReward> rewards) {

    public SimulatedOrder {
        Objects.requireNonNull(outOrderNo, "outOrderNo");
        Objects.requireNonNull(discountCardId, "discountCardId");
        Objects.requireNonNull(outTradeNo, "outTradeNo");
        Objects.requireNonNull(appid, "appid");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(openid, "openid");
        Objects.requireNonNull(cardBeginTime, "cardBeginTime");
        Objects.requireNonNull(cardEndTime, "cardEndTime");
        Objects.requireNonNull(cardName, "cardName");
        Objects.requireNonNull(objectiveDescription, "objectiveDescription");
        Objects.requireNonNull(rewardDescription, "rewardDescription");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createTime, "createTime");
        objectives = List.copyOf(objectives);
        rewards = List.copyOf(rewards);
    }

    /** A copy in another state, e.g. {@code order.withState(OrderState.SETTLING)}. */
    public SimulatedOrder withState(OrderState state) {
        return withState(state.name());
    }

    /** A copy with any state text, including values not (yet) documented. */
    public SimulatedOrder withState(String state) {
        return new SimulatedOrder(this.outOrderNo, this.discountCardId, this.outTradeNo, this.appid, this.serviceId,
                this.orderId, this.openid, this.cardBeginTime, this.cardEndTime, this.cardName,
                this.objectiveDescription, this.rewardDescription, this.estimatedRewardAmount, state, this.createTime,
                this.transactionId, this.onlineInstructions, this.offlineInstructions, this.totalAmount,
                this.deductionAmount, this.settlementAmount, this.payTime, this.objectives, this.rewards);
    }

    /** A copy with the optional payment fields set (as after a charge-back), or cleared with {@code null}s. */
    public SimulatedOrder withSettlement(@Nullable String transactionId, @Nullable Long totalAmount,
            @Nullable Long deductionAmount, @Nullable Long settlementAmount, @Nullable OffsetDateTime payTime) {
        return new SimulatedOrder(this.outOrderNo, this.discountCardId, this.outTradeNo, this.appid, this.serviceId,
                this.orderId, this.openid, this.cardBeginTime, this.cardEndTime, this.cardName,
                this.objectiveDescription, this.rewardDescription, this.estimatedRewardAmount, this.state,
                this.createTime, transactionId, this.onlineInstructions, this.offlineInstructions, totalAmount,
                deductionAmount, settlementAmount, payTime, this.objectives, this.rewards);
    }

    /** A copy with other records and the reward estimate computed from them. */
    SimulatedOrder withRecords(List<SimulatedObjective> objectives, List<SimulatedReward> rewards) {
        return new SimulatedOrder(this.outOrderNo, this.discountCardId, this.outTradeNo, this.appid, this.serviceId,
                this.orderId, this.openid, this.cardBeginTime, this.cardEndTime, this.cardName,
                this.objectiveDescription, this.rewardDescription, estimate(rewards), this.state, this.createTime,
                this.transactionId, this.onlineInstructions, this.offlineInstructions, this.totalAmount,
                this.deductionAmount, this.settlementAmount, this.payTime, objectives, rewards);
    }

    /** The sum of the reward amounts (INCREASE adds, DECREASE subtracts), never below 0. */
    static long estimate(List<SimulatedReward> rewards) {
        long sum = 0;
        for (SimulatedReward reward : rewards) {
            try {
                sum = Math.addExact(sum, reward.signedAmount());
            }
            catch (ArithmeticException ex) {
                sum = (reward.signedAmount() > 0) ? Long.MAX_VALUE : Long.MIN_VALUE;
            }
        }
        return Math.max(0, sum);
    }
}
