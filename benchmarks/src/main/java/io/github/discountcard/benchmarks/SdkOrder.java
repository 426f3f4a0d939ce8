package io.github.discountcard.benchmarks;

import java.util.List;

/**
 * The order as the official SDK reads it: a plain class that its Gson (lower-case-with-underscores naming) fills,
 * shaped like the SDK's own service models (strings for times and enums).
 */
public class SdkOrder {

    public String outOrderNo;

    public String discountCardId;

    public String outTradeNo;

    public String appid;

    public String serviceId;

    public String orderId;

    public String openid;

    public String cardBeginTime;

    public String cardEndTime;

    public String cardName;

    public String objectiveDescription;

    public String rewardDescription;

    public Long estimatedRewardAmount;

    public String state;

    public String createTime;

    public String transactionId;

    public String onlineInstructions;

    public String offlineInstructions;

    public Long totalAmount;

    public Long deductionAmount;

    public Long settlementAmount;

    public String payTime;

    public List<Objective> objectives;

    public List<Reward> rewards;

    /** An objective record. */
    public static class Objective {

        public String objectiveSerialNo;

        public Long objectiveId;

        public String name;

        public String unit;

        public String performanceDescription;

        public String performanceType;

        public Long count;

        public String performanceTime;

        public String remark;
    }

    /** A reward record. */
    public static class Reward {

        public String rewardSerialNo;

        public Long rewardId;

        public String name;

        public String unit;

        public String description;

        public String rewardType;

        public Long count;

        public Long amount;

        public String rewardTime;

        public String remark;
    }
}
