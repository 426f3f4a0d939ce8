package io.github.discountcard.test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of one claimed card (cards family) as the simulator holds it: every field of the query
 * response (lifecycle spec §2.3) plus the {@code notifyUrl} of its prepare call. Amounts are in fen.
 * <p>
 * {@code state}, {@code unfinishedReason} and the pay state are strings so that a test can answer with a value
 * WeChat may add later.
 *
 * @param cardId WeChat's card id
 * @param cardTemplateId the template
 * @param openid the user
 * @param outCardCode the merchant's card code
 * @param appid the app id
 * @param mchid the merchant id
 * @param beginTime the start of the card's period
 * @param endTime the end of the card's period
 * @param state {@code ONGOING}, {@code SETTLING}, {@code FINISHED}, {@code UNFINISHED} or any text
 * @param unfinishedReason {@code DUE_TO_QUIT}, {@code EARLY_QUIT}, any text or {@code null}
 * @param totalAmount the value of the rewards used, once the agreement ended
 * @param payInformation the charge-back, or {@code null}
 * @param createTime when the user claimed the card
 * @param objectives the objectives with their applied records
 * @param rewards the rewards with their applied records
 * @param sharerOpenid the user who shared the card, or {@code null}
 * @param notifyUrl where this card's notifications go
 */
public record SimulatedCard(String cardId, String cardTemplateId, String openid, String outCardCode, String appid,
        String mchid, OffsetDateTime beginTime, OffsetDateTime endTime, String state, @Nullable String unfinishedReason,
        @Nullable Long totalAmount, @Nullable Payment payInformation, OffsetDateTime createTime,
        List<Objective> objectives, List<Reward> rewards, @Nullable String sharerOpenid, String notifyUrl) {

    public SimulatedCard {
        Objects.requireNonNull(cardId, "cardId");
        Objects.requireNonNull(cardTemplateId, "cardTemplateId");
        Objects.requireNonNull(openid, "openid");
        Objects.requireNonNull(outCardCode, "outCardCode");
        Objects.requireNonNull(appid, "appid");
        Objects.requireNonNull(mchid, "mchid");
        Objects.requireNonNull(beginTime, "beginTime");
        Objects.requireNonNull(endTime, "endTime");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createTime, "createTime");
        Objects.requireNonNull(notifyUrl, "notifyUrl");
        objectives = List.copyOf(objectives);
        rewards = List.copyOf(rewards);
    }

    /** A copy in another state (any text), with its unfinished reason (or {@code null}). */
    public SimulatedCard withState(String state, @Nullable String unfinishedReason) {
        return new SimulatedCard(this.cardId, this.cardTemplateId, this.openid, this.outCardCode, this.appid,
                this.mchid, this.beginTime, this.endTime, state, unfinishedReason, this.totalAmount,
                this.payInformation, this.createTime, this.objectives, this.rewards, this.sharerOpenid, this.notifyUrl);
    }

    /** A copy with the total amount and charge-back set (or cleared with {@code null}s). */
    public SimulatedCard withPayment(@Nullable Long totalAmount, @Nullable Payment payInformation) {
        return new SimulatedCard(this.cardId, this.cardTemplateId, this.openid, this.outCardCode, this.appid,
                this.mchid, this.beginTime, this.endTime, this.state, this.unfinishedReason, totalAmount,
                payInformation, this.createTime, this.objectives, this.rewards, this.sharerOpenid, this.notifyUrl);
    }

    /**
     * A copy that claims to be another card: a test uses it to make the simulator answer a query with another
     * card's data.
     */
    public SimulatedCard withOutCardCode(String outCardCode) {
        return new SimulatedCard(this.cardId, this.cardTemplateId, this.openid, outCardCode, this.appid, this.mchid,
                this.beginTime, this.endTime, this.state, this.unfinishedReason, this.totalAmount, this.payInformation,
                this.createTime, this.objectives, this.rewards, this.sharerOpenid, this.notifyUrl);
    }

    SimulatedCard withRecords(List<Objective> objectives, List<Reward> rewards) {
        return new SimulatedCard(this.cardId, this.cardTemplateId, this.openid, this.outCardCode, this.appid,
                this.mchid, this.beginTime, this.endTime, this.state, this.unfinishedReason, this.totalAmount,
                this.payInformation, this.createTime, objectives, rewards, this.sharerOpenid, this.notifyUrl);
    }

    /** The value of the rewards used: INCREASE usages add, DECREASE ones subtract; never below 0. */
    public long usedAmount() {
        long sum = 0;
        for (Reward reward : this.rewards) {
            for (UsageRecord record : reward.records()) {
                sum += record.usageType().equals("DECREASE") ? -record.amount() : record.amount();
            }
        }
        return Math.max(0, sum);
    }

    /** Whether every objective has at least its count of completions (INCREASE minus DECREASE). */
    public boolean objectivesMet() {
        for (Objective objective : this.objectives) {
            long done = 0;
            for (CompletionRecord record : objective.records()) {
                done += record.completionType().equals("DECREASE") ? -record.completionCount()
                        : record.completionCount();
            }
            if (done < objective.count()) {
                return false;
            }
        }
        return true;
    }

    /** Whether a record with this serial number was applied to any objective. */
    boolean hasCompletion(String serialNo) {
        return this.objectives.stream().flatMap((o) -> o.records().stream())
            .anyMatch((r) -> r.serialNo().equals(serialNo));
    }

    /** Whether a record with this serial number was applied to any reward. */
    boolean hasUsage(String serialNo) {
        return this.rewards.stream().flatMap((r) -> r.records().stream())
            .anyMatch((r) -> r.serialNo().equals(serialNo));
    }

    /**
     * A card's objective with its applied records.
     * @param objectiveId the id
     * @param name the name
     * @param count the completions needed
     * @param unit the unit
     * @param description optional description
     * @param records the applied completion records, each serial number once
     */
    public record Objective(String objectiveId, String name, long count, String unit, @Nullable String description,
            List<CompletionRecord> records) {

        public Objective {
            records = List.copyOf(records);
        }

        Objective with(CompletionRecord record) {
            List<CompletionRecord> more = new ArrayList<>(this.records);
            more.add(record);
            return new Objective(this.objectiveId, this.name, this.count, this.unit, this.description, more);
        }
    }

    /**
     * A card's reward with its applied records.
     * @param rewardId the id
     * @param name the name
     * @param countType {@code COUNT_LIMIT}, {@code COUNT_UNLIMITED} or any text
     * @param count the times it may be used
     * @param unit the unit
     * @param amount its value in fen
     * @param description optional description
     * @param records the applied usage records, each serial number once
     */
    public record Reward(String rewardId, String name, String countType, long count, String unit, long amount,
            @Nullable String description, List<UsageRecord> records) {

        public Reward {
            records = List.copyOf(records);
        }

        Reward with(UsageRecord record) {
            List<UsageRecord> more = new ArrayList<>(this.records);
            more.add(record);
            return new Reward(this.rewardId, this.name, this.countType, this.count, this.unit, this.amount,
                    this.description, more);
        }
    }

    /**
     * An applied objective completion record.
     * @param serialNo {@code objective_completion_serial_no}
     * @param objectiveId the objective
     * @param completionTime when
     * @param completionType {@code INCREASE} or {@code DECREASE}
     * @param description what the user did
     * @param completionCount how many
     * @param remark optional remark
     */
    public record CompletionRecord(String serialNo, String objectiveId, OffsetDateTime completionTime,
            String completionType, String description, long completionCount, @Nullable String remark) {
    }

    /**
     * An applied reward usage record.
     * @param serialNo {@code reward_usage_serial_no}
     * @param rewardId the reward
     * @param usageTime when
     * @param usageType {@code INCREASE} or {@code DECREASE}
     * @param description what the reward was
     * @param usageCount how many
     * @param amount the value in fen
     * @param remark optional remark
     */
    public record UsageRecord(String serialNo, String rewardId, OffsetDateTime usageTime, String usageType,
            String description, long usageCount, long amount, @Nullable String remark) {
    }

    /**
     * The {@code pay_information} of an unfinished card's charge-back.
     * @param payAmount the amount charged, in fen
     * @param payState {@code PAYING}, {@code PAID} or any text
     * @param transactionId the payment's transaction id, once paid
     * @param payTime when it was paid
     */
    public record Payment(long payAmount, String payState, @Nullable String transactionId,
            @Nullable OffsetDateTime payTime) {
    }
}
