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
 * A discount card (先享卡) order, the 200 response of {@code GET /v3/discount-card/orders/{out_order_no}} and
 * {@code GET /v3/discount-card/orders/out-trade-no/{out_trade_no}}.
 * <p>
 * JSON properties this version does not know are kept in {@code unknownFields} (here and in the records) and
 * written back, and an unknown {@code state} is kept (see {@link OrderState}), so fields and states WeChat adds
 * later never break parsing nor get lost. The components WeChat documents as required are
 * declared non-null, but nothing is checked while parsing: a field WeChat leaves out reads as {@code null}.
 * {@code objectives} and {@code rewards} are never {@code null} (absent reads as an empty, unmodifiable list)
 * and are left out of the JSON when empty. Amounts are in fen (分); times keep the offset WeChat sent.
 * {@link #toString()} masks the {@code openid}.
 *
 * @param outOrderNo {@code out_order_no}: the discount card order number
 * @param discountCardId {@code discount_card_id}: the discount card (template) id
 * @param outTradeNo {@code out_trade_no}: the merchant's trade number
 * @param appid {@code appid}: the app id
 * @param serviceId {@code service_id}: the service id
 * @param orderId {@code order_id}: the WeChat Pay service order number
 * @param openid {@code openid}: the user's openid under {@code appid}
 * @param cardBeginTime {@code card_begin_time}: when the card starts
 * @param cardEndTime {@code card_end_time}: when the card ends
 * @param cardName {@code card_name}: the card's name
 * @param objectiveDescription {@code objective_description}: the card's objectives, described
 * @param rewardDescription {@code reward_description}: the card's rewards, described
 * @param estimatedRewardAmount {@code estimated_reward_amount}: the estimated reward amount in fen
 * @param state {@code state}: the order state (possibly a value unknown to this library)
 * @param createTime {@code create_time}: when the order was created
 * @param transactionId {@code transaction_id}: optional WeChat Pay transaction id of the settlement payment
 * @param onlineInstructions {@code online_instructions}: optional online usage instructions
 * @param offlineInstructions {@code offline_instructions}: optional offline usage instructions
 * @param totalAmount {@code total_amount}: optional total amount in fen
 * @param deductionAmount {@code deduction_amount}: optional deduction amount in fen
 * @param settlementAmount {@code settlement_amount}: optional settlement amount in fen
 * @param payTime {@code pay_time}: optional payment time
 * @param objectives {@code objectives}: objective completion records, never {@code null}
 * @param rewards {@code rewards}: reward usage records, never {@code null}
 * @param unknownFields the JSON properties this version does not know, kept for a round trip; never
 * {@code null}; {@code toString()} names them without their values
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DiscountCardOrder(
        @JsonProperty("out_order_no") String outOrderNo,
        @JsonProperty("discount_card_id") String discountCardId,
        @JsonProperty("out_trade_no") String outTradeNo,
        @JsonProperty("appid") String appid,
        @JsonProperty("service_id") String serviceId,
        @JsonProperty("order_id") String orderId,
        @JsonProperty("openid") String openid,
        @JsonProperty("card_begin_time") @JsonSerialize(using = Rfc3339.Serializer.class)
        @JsonDeserialize(using = Rfc3339.Deserializer.class) OffsetDateTime cardBeginTime,
        @JsonProperty("card_end_time") @JsonSerialize(using = Rfc3339.Serializer.class)
        @JsonDeserialize(using = Rfc3339.Deserializer.class) OffsetDateTime cardEndTime,
        @JsonProperty("card_name") String cardName,
        @JsonProperty("objective_description") String objectiveDescription,
        @JsonProperty("reward_description") String rewardDescription,
        @JsonProperty("estimated_reward_amount") Long estimatedRewardAmount,
        @JsonProperty("state") OrderState state,
        @JsonProperty("create_time") @JsonSerialize(using = Rfc3339.Serializer.class)
        @JsonDeserialize(using = Rfc3339.Deserializer.class) OffsetDateTime createTime,
        @JsonProperty("transaction_id") @Nullable String transactionId,
        @JsonProperty("online_instructions") @Nullable String onlineInstructions,
        @JsonProperty("offline_instructions") @Nullable String offlineInstructions,
        @JsonProperty("total_amount") @Nullable Long totalAmount,
        @JsonProperty("deduction_amount") @Nullable Long deductionAmount,
        @JsonProperty("settlement_amount") @Nullable Long settlementAmount,
        @JsonProperty("pay_time") @JsonSerialize(using = Rfc3339.Serializer.class)
        @JsonDeserialize(using = Rfc3339.Deserializer.class) @Nullable OffsetDateTime payTime,
        @JsonProperty("objectives") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ObjectiveRecord> objectives,
        @JsonProperty("rewards") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RewardRecord> rewards,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> unknownFields) {

    // null lists become empty, null elements are dropped, the lists are unmodifiable copies
    public DiscountCardOrder {
        unknownFields = UnknownFields.copyOf(unknownFields);
        objectives = ModelLists.copyOf(objectives);
        rewards = ModelLists.copyOf(rewards);
    }

    /** The record with no unknown fields: for code that builds one rather than reading it. */
    public DiscountCardOrder(String outOrderNo, String discountCardId, String outTradeNo, String appid,
            String serviceId, String orderId, String openid, OffsetDateTime cardBeginTime, OffsetDateTime cardEndTime,
            String cardName, String objectiveDescription, String rewardDescription, Long estimatedRewardAmount,
            OrderState state, OffsetDateTime createTime, @Nullable String transactionId,
            @Nullable String onlineInstructions, @Nullable String offlineInstructions, @Nullable Long totalAmount,
            @Nullable Long deductionAmount, @Nullable Long settlementAmount, @Nullable OffsetDateTime payTime,
            List<ObjectiveRecord> objectives, List<RewardRecord> rewards) {
        this(outOrderNo, discountCardId, outTradeNo, appid, serviceId, orderId, openid, cardBeginTime, cardEndTime,
                cardName, objectiveDescription, rewardDescription, estimatedRewardAmount, state, createTime,
                transactionId, onlineInstructions, offlineInstructions, totalAmount, deductionAmount, settlementAmount,
                payTime, objectives, rewards, Map.of());
    }

    /** Every component, the {@code openid} masked (personal data). */
    @Override
    public String toString() {
        return PersonalData.toString(this, OPENID);
    }

    private static final java.util.Set<String> OPENID = java.util.Set.of("openid");
}
