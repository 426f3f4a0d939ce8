package io.github.discountcard.notification;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The decrypted {@code resource} of the cards-family events USER_ACCEPTED, AGREEMENT_ENDED and USER_PAID: one
 * shape, a superset of the card query. Every field may be absent ({@code null}, lists empty); ids are text;
 * amounts are fen, read from JSON numbers or numeric strings; times are the RFC 3339 text as sent; states are
 * the raw strings, so future values survive. {@link #toString()} masks openids.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CardNotificationPayload(@JsonProperty("card_id") @Nullable String cardId,
        @JsonProperty("card_template_id") @Nullable String cardTemplateId,
        @JsonProperty("openid") @Nullable String openid,
        @JsonProperty("out_card_code") @Nullable String outCardCode,
        @JsonProperty("appid") @Nullable String appid,
        @JsonProperty("mchid") @Nullable String mchid,
        @JsonProperty("state") @Nullable String state,
        @JsonProperty("time_range") @Nullable TimeRange timeRange,
        @JsonProperty("create_time") @Nullable String createTime,
        @JsonProperty("objectives") List<Objective> objectives,
        @JsonProperty("rewards") List<Reward> rewards,
        @JsonProperty("sharer_openid") @Nullable String sharerOpenid,
        @JsonProperty("unfinished_reason") @Nullable String unfinishedReason,
        @JsonProperty("total_amount") @Nullable Long totalAmount,
        @JsonProperty("pay_information") @Nullable PayInformation payInformation) {

    public CardNotificationPayload {
        objectives = (objectives != null) ? List.copyOf(objectives) : List.of();
        rewards = (rewards != null) ? List.copyOf(rewards) : List.of();
    }

    /** The card's period. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TimeRange(@JsonProperty("begin_time") @Nullable String beginTime,
            @JsonProperty("end_time") @Nullable String endTime) {
    }

    /** An objective of the card; {@code objectiveId} is what completion records report against. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Objective(@JsonProperty("objective_id") @Nullable String objectiveId,
            @JsonProperty("name") @Nullable String name, @JsonProperty("count") @Nullable Long count,
            @JsonProperty("unit") @Nullable String unit, @JsonProperty("description") @Nullable String description,
            @JsonProperty("objective_completion_records") List<CompletionRecord> completionRecords) {

        public Objective {
            completionRecords = (completionRecords != null) ? List.copyOf(completionRecords) : List.of();
        }
    }

    /** One completion reported against an objective (AGREEMENT_ENDED). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CompletionRecord(
            @JsonProperty("objective_completion_serial_no") @Nullable String objectiveCompletionSerialNo,
            @JsonProperty("completion_time") @Nullable String completionTime,
            @JsonProperty("completion_type") @Nullable String completionType,
            @JsonProperty("description") @Nullable String description,
            @JsonProperty("completion_count") @Nullable Long completionCount,
            @JsonProperty("remark") @Nullable String remark) {
    }

    /** A reward of the card; {@code rewardId} is what usage records report against. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Reward(@JsonProperty("reward_id") @Nullable String rewardId,
            @JsonProperty("name") @Nullable String name, @JsonProperty("count_type") @Nullable String countType,
            @JsonProperty("count") @Nullable Long count, @JsonProperty("unit") @Nullable String unit,
            @JsonProperty("amount") @Nullable Long amount, @JsonProperty("description") @Nullable String description,
            @JsonProperty("reward_usage_records") List<UsageRecord> usageRecords) {

        public Reward {
            usageRecords = (usageRecords != null) ? List.copyOf(usageRecords) : List.of();
        }
    }

    /** One usage reported against a reward (AGREEMENT_ENDED). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UsageRecord(@JsonProperty("reward_usage_serial_no") @Nullable String rewardUsageSerialNo,
            @JsonProperty("usage_time") @Nullable String usageTime,
            @JsonProperty("usage_type") @Nullable String usageType,
            @JsonProperty("description") @Nullable String description,
            @JsonProperty("usage_count") @Nullable Long usageCount, @JsonProperty("amount") @Nullable Long amount,
            @JsonProperty("remark") @Nullable String remark) {
    }

    /** The charge-back (USER_PAID): {@code payState} {@code PAYING} then {@code PAID}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PayInformation(@JsonProperty("pay_amount") @Nullable Long payAmount,
            @JsonProperty("pay_state") @Nullable String payState,
            @JsonProperty("transaction_id") @Nullable String transactionId,
            @JsonProperty("pay_time") @Nullable String payTime) {
    }

    @Override
    public String toString() {
        return "CardNotificationPayload[cardId=" + this.cardId + ", outCardCode=" + this.outCardCode
                + ", cardTemplateId=" + this.cardTemplateId + ", openid=" + Masking.openid(this.openid) + ", appid="
                + this.appid + ", mchid=" + this.mchid + ", state=" + this.state + ", timeRange=" + this.timeRange
                + ", createTime=" + this.createTime + ", objectives=" + this.objectives + ", rewards=" + this.rewards
                + ", sharerOpenid=" + Masking.openid(this.sharerOpenid) + ", unfinishedReason="
                + this.unfinishedReason + ", totalAmount=" + this.totalAmount + ", payInformation="
                + this.payInformation + "]";
    }
}
