package io.github.discountcard.client.model;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /v3/discount-card/cards} (预受理领卡请求): prepares a user's claim of a card, answered
 * with a {@link PrepareCardResponse#prepareCardToken() prepare_card_token} that opens WeChat's claim page.
 * <p>
 * All four fields are required. The constructor does not validate; {@link #problems()} lists what would be refused.
 *
 * @param outCardCode {@code out_card_code}: the merchant's card code, unique per merchant (1 to 32 characters of
 * digits, letters and {@code _-|*})
 * @param cardTemplateId {@code card_template_id}: the card template WeChat configured for the merchant (≤ 64)
 * @param appid {@code appid}: the app the user's openid belongs to (10 to 32 characters)
 * @param notifyUrl {@code notify_url}: where WeChat sends this card's notifications, an absolute {@code https://}
 * URL (≤ 255 characters)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PrepareCardRequest(
        @JsonProperty("out_card_code") @Nullable String outCardCode,
        @JsonProperty("card_template_id") @Nullable String cardTemplateId,
        @JsonProperty("appid") @Nullable String appid,
        @JsonProperty("notify_url") @Nullable String notifyUrl) {

    /**
     * A builder; {@link Builder#build()} does not validate, see {@link #problems()}.
     * @return a new, empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * What would be refused in this request, one message per problem naming the field, e.g.
     * {@code "out_card_code must be 1 to 32 characters of digits, letters and _-|* but was 'a/b'"}.
     * @return the problems, empty when the request is valid; never {@code null}
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        CardLimits.outCardCode(this.outCardCode, problems);
        ModelChecks.text("card_template_id", this.cardTemplateId, CardLimits.CARD_TEMPLATE_ID, problems);
        CardLimits.appid(this.appid, problems);
        CardLimits.notifyUrl(this.notifyUrl, problems);
        return List.copyOf(problems);
    }

    /** Builds a {@link PrepareCardRequest}; the setters are named after the record components. */
    public static final class Builder {

        private @Nullable String outCardCode;

        private @Nullable String cardTemplateId;

        private @Nullable String appid;

        private @Nullable String notifyUrl;

        private Builder() {
        }

        /**
         * Sets {@code out_card_code}.
         * @param outCardCode 1 to 32 characters of digits, letters and {@code _-|*}, unique per merchant
         * @return this builder
         */
        public Builder outCardCode(String outCardCode) {
            this.outCardCode = outCardCode;
            return this;
        }

        /**
         * Sets {@code card_template_id}.
         * @param cardTemplateId the template id WeChat configured, at most 64 characters
         * @return this builder
         */
        public Builder cardTemplateId(String cardTemplateId) {
            this.cardTemplateId = cardTemplateId;
            return this;
        }

        /**
         * Sets {@code appid}.
         * @param appid 10 to 32 characters
         * @return this builder
         */
        public Builder appid(String appid) {
            this.appid = appid;
            return this;
        }

        /**
         * Sets {@code notify_url}.
         * @param notifyUrl an absolute {@code https://} URL of at most 255 characters
         * @return this builder
         */
        public Builder notifyUrl(String notifyUrl) {
            this.notifyUrl = notifyUrl;
            return this;
        }

        /**
         * Builds the request, without validating it.
         * @return the request
         */
        public PrepareCardRequest build() {
            return new PrepareCardRequest(this.outCardCode, this.cardTemplateId, this.appid, this.notifyUrl);
        }
    }
}
