package io.github.discountcard.notification;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The decrypted {@code resource} of the orders-family events GET_CARD and SETTLEMENT (SETTLEMENT adds the payment
 * and settlement fields and the completion/usage records). Every field may be absent ({@code null}, lists empty);
 * ids are text (integers in the orders family, read as text); amounts are fen, read from JSON numbers or numeric
 * strings; times are the RFC 3339 text as sent. {@link #toString()} masks the openid.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderNotificationPayload(@JsonProperty("out_order_no") @Nullable String outOrderNo,
        @JsonProperty("discount_card_id") @Nullable String discountCardId,
        @JsonProperty("out_trade_no") @Nullable String outTradeNo,
        @JsonProperty("appid") @Nullable String appid,
        @JsonProperty("service_id") @Nullable String serviceId,
        @JsonProperty("order_id") @Nullable String orderId,
        @JsonProperty("openid") @Nullable String openid,
        @JsonProperty("card_begin_time") @Nullable String cardBeginTime,
        @JsonProperty("card_end_time") @Nullable String cardEndTime,
        @JsonProperty("card_name") @Nullable String cardName,
        @JsonProperty("objective_description") @Nullable String objectiveDescription,
        @JsonProperty("reward_description") @Nullable String rewardDescription,
        @JsonProperty("estimated_reward_amount") @Nullable Long estimatedRewardAmount,
        @JsonProperty("online_instructions") @Nullable String onlineInstructions,
        @JsonProperty("offline_instructions") @Nullable String offlineInstructions,
        @JsonProperty("state") @Nullable String state,
        @JsonProperty("create_time") @Nullable String createTime,
        @JsonProperty("card_objectives") List<CardObjective> cardObjectives,
        @JsonProperty("card_rewards") List<CardReward> cardRewards,
        @JsonProperty("transaction_id") @Nullable String transactionId,
        @JsonProperty("total_amount") @Nullable Long totalAmount,
        @JsonProperty("deduction_amount") @Nullable Long deductionAmount,
        @JsonProperty("settlement_amount") @Nullable Long settlementAmount,
        @JsonProperty("pay_time") @Nullable String payTime,
        @JsonProperty("objectives") List<ObjectiveRecord> objectives,
        @JsonProperty("rewards") List<RewardRecord> rewards) {

    public OrderNotificationPayload {
        cardObjectives = (cardObjectives != null) ? List.copyOf(cardObjectives) : List.of();
        cardRewards = (cardRewards != null) ? List.copyOf(cardRewards) : List.of();
        objectives = (objectives != null) ? List.copyOf(objectives) : List.of();
        rewards = (rewards != null) ? List.copyOf(rewards) : List.of();
    }

    /** An objective of the card template (GET_CARD). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CardObjective(@JsonProperty("objective_id") @Nullable String objectiveId,
            @JsonProperty("name") @Nullable String name, @JsonProperty("unit") @Nullable String unit,
            @JsonProperty("count") @Nullable Long count, @JsonProperty("description") @Nullable String description) {
    }

    /** A reward of the card template (GET_CARD). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CardReward(@JsonProperty("reward_id") @Nullable String rewardId,
            @JsonProperty("name") @Nullable String name, @JsonProperty("unit") @Nullable String unit,
            @JsonProperty("description") @Nullable String description, @JsonProperty("count") @Nullable Long count,
            @JsonProperty("amount") @Nullable Long amount) {
    }

    /** A completion record as the order query returns it (SETTLEMENT). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ObjectiveRecord(@JsonProperty("objective_serial_no") @Nullable String objectiveSerialNo,
            @JsonProperty("objective_id") @Nullable String objectiveId, @JsonProperty("name") @Nullable String name,
            @JsonProperty("unit") @Nullable String unit,
            @JsonProperty("performance_description") @Nullable String performanceDescription,
            @JsonProperty("performance_type") @Nullable String performanceType,
            @JsonProperty("count") @Nullable Long count,
            @JsonProperty("performance_time") @Nullable String performanceTime,
            @JsonProperty("remark") @Nullable String remark) {
    }

    /** A usage record as the order query returns it (SETTLEMENT). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RewardRecord(@JsonProperty("reward_serial_no") @Nullable String rewardSerialNo,
            @JsonProperty("reward_id") @Nullable String rewardId, @JsonProperty("name") @Nullable String name,
            @JsonProperty("unit") @Nullable String unit, @JsonProperty("description") @Nullable String description,
            @JsonProperty("reward_type") @Nullable String rewardType, @JsonProperty("count") @Nullable Long count,
            @JsonProperty("amount") @Nullable Long amount, @JsonProperty("reward_time") @Nullable String rewardTime,
            @JsonProperty("remark") @Nullable String remark) {
    }

    @Override
    public String toString() {
        return "OrderNotificationPayload[outOrderNo=" + this.outOrderNo + ", orderId=" + this.orderId
                + ", discountCardId=" + this.discountCardId + ", outTradeNo=" + this.outTradeNo + ", appid="
                + this.appid + ", serviceId=" + this.serviceId + ", openid=" + Masking.openid(this.openid)
                + ", cardName=" + this.cardName + ", state=" + this.state + ", createTime=" + this.createTime
                + ", estimatedRewardAmount=" + this.estimatedRewardAmount + ", transactionId=" + this.transactionId
                + ", totalAmount=" + this.totalAmount + ", deductionAmount=" + this.deductionAmount
                + ", settlementAmount=" + this.settlementAmount + ", payTime=" + this.payTime + ", cardObjectives="
                + this.cardObjectives + ", cardRewards=" + this.cardRewards + ", objectives=" + this.objectives
                + ", rewards=" + this.rewards + "]";
    }
}
