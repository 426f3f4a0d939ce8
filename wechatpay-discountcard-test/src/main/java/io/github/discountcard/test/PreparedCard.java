package io.github.discountcard.test;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A claim prepared by {@code POST /v3/discount-card/cards} and not yet acted on by the user (see
 * {@link DiscountCardSimulator#claimCard(String)}).
 *
 * @param outCardCode the merchant's card code
 * @param cardTemplateId the template
 * @param appid the app id of the request
 * @param mchid the merchant that prepared it
 * @param notifyUrl where the card's notifications go
 * @param prepareCardToken the token answered (Base64 text, so it has {@code +}, {@code /} and {@code =})
 * @param prepareTime when it was prepared
 */
public record PreparedCard(String outCardCode, String cardTemplateId, String appid, String mchid, String notifyUrl,
        String prepareCardToken, OffsetDateTime prepareTime) {

    public PreparedCard {
        Objects.requireNonNull(outCardCode, "outCardCode");
        Objects.requireNonNull(cardTemplateId, "cardTemplateId");
        Objects.requireNonNull(appid, "appid");
        Objects.requireNonNull(mchid, "mchid");
        Objects.requireNonNull(notifyUrl, "notifyUrl");
        Objects.requireNonNull(prepareCardToken, "prepareCardToken");
        Objects.requireNonNull(prepareTime, "prepareTime");
    }
}
