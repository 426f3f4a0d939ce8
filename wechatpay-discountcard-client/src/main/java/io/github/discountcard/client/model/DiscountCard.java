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
 * A discount card (先享卡) of the cards family, the 200 response of
 * {@code GET /v3/discount-card/cards/{out_card_code}}.
 * <p>
 * Reading is lenient: JSON properties this version does not know are kept in {@code unknownFields} (here and in
 * every nested object) and written back, unknown {@code state}, {@code unfinished_reason}, {@code pay_state},
 * {@code count_type} and record types are kept (see {@link OpenValue}), times keep the offset
 * and fraction WeChat sent, and nothing is checked while parsing (a field WeChat leaves out reads as {@code null}).
 * {@code objectives} and {@code rewards} are never {@code null}. Amounts are in fen (分).
 * <p>
 * {@link #toString()} masks {@code openid} and {@code sharer_openid}: they are personal data.
 *
 * @param cardId {@code card_id}: WeChat's card id
 * @param cardTemplateId {@code card_template_id}: the card's template
 * @param openid {@code openid}: the user's openid under {@code appid}
 * @param outCardCode {@code out_card_code}: the merchant's card code
 * @param appid {@code appid}: the app id
 * @param mchid {@code mchid}: the merchant id
 * @param timeRange {@code time_range}: the card's period
 * @param state {@code state}: {@code ONGOING}, {@code SETTLING}, {@code FINISHED}, {@code UNFINISHED} or a future value
 * @param unfinishedReason {@code unfinished_reason}: optional, why an {@code UNFINISHED} card is unfinished
 * @param totalAmount {@code total_amount}: optional total value of the rewards used, in fen
 * @param payInformation {@code pay_information}: optional charge-back information
 * @param createTime {@code create_time}: when the card was claimed
 * @param objectives {@code objectives}: the card's objectives with their records, never {@code null}
 * @param rewards {@code rewards}: the card's rewards with their records, never {@code null}
 * @param sharerOpenid {@code sharer_openid}: optional openid of the user who shared the card
 * @param unknownFields the JSON properties this version does not know, kept for a round trip; never
 * {@code null}; {@code toString()} names them without their values
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DiscountCard(
        @JsonProperty("card_id") String cardId,
        @JsonProperty("card_template_id") String cardTemplateId,
        @JsonProperty("openid") String openid,
        @JsonProperty("out_card_code") String outCardCode,
        @JsonProperty("appid") String appid,
        @JsonProperty("mchid") String mchid,
        @JsonProperty("time_range") CardTimeRange timeRange,
        @JsonProperty("state") CardState state,
        @JsonProperty("unfinished_reason") @Nullable UnfinishedReason unfinishedReason,
        @JsonProperty("total_amount") @Nullable Long totalAmount,
        @JsonProperty("pay_information") @Nullable PayInformation payInformation,
        @JsonProperty("create_time") @JsonSerialize(using = Rfc3339.Serializer.class)
        @JsonDeserialize(using = Rfc3339.Deserializer.class) OffsetDateTime createTime,
        @JsonProperty("objectives") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<CardObjective> objectives,
        @JsonProperty("rewards") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<CardReward> rewards,
        @JsonProperty("sharer_openid") @Nullable String sharerOpenid,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> unknownFields) {

    // null lists become empty, null elements are dropped, the lists are unmodifiable copies
    public DiscountCard {
        unknownFields = UnknownFields.copyOf(unknownFields);
        objectives = ModelLists.copyOf(objectives);
        rewards = ModelLists.copyOf(rewards);
    }

    /** The record with no unknown fields: for code that builds one rather than reading it. */
    public DiscountCard(String cardId, String cardTemplateId, String openid, String outCardCode, String appid,
            String mchid, CardTimeRange timeRange, CardState state, @Nullable UnfinishedReason unfinishedReason,
            @Nullable Long totalAmount, @Nullable PayInformation payInformation, OffsetDateTime createTime,
            List<CardObjective> objectives, List<CardReward> rewards, @Nullable String sharerOpenid) {
        this(cardId, cardTemplateId, openid, outCardCode, appid, mchid, timeRange, state, unfinishedReason, totalAmount,
                payInformation, createTime, objectives, rewards, sharerOpenid, Map.of());
    }

    @Override
    public String toString() {
        return "DiscountCard[cardId=" + this.cardId + ", cardTemplateId=" + this.cardTemplateId + ", openid="
                + mask(this.openid) + ", outCardCode=" + this.outCardCode + ", appid=" + this.appid + ", mchid="
                + this.mchid + ", timeRange=" + this.timeRange + ", state=" + this.state + ", unfinishedReason="
                + this.unfinishedReason + ", totalAmount=" + this.totalAmount + ", payInformation="
                + this.payInformation + ", createTime=" + this.createTime + ", objectives=" + this.objectives
                + ", rewards=" + this.rewards + ", sharerOpenid=" + mask(this.sharerOpenid) + ", unknownFields="
                + this.unknownFields + "]";
    }

    private static String mask(@Nullable String openid) {
        return (openid != null) ? "******" : "null";
    }
}
