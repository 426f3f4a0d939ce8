package io.github.discountcard.client;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.github.discountcard.client.model.AddUserRecordsRequest;
import io.github.discountcard.client.model.DiscountCard;
import io.github.discountcard.client.model.PrepareCardRequest;
import io.github.discountcard.client.model.PrepareCardResponse;
import org.jspecify.annotations.Nullable;

/**
 * The cards family's URI templates, the checks made before anything is sent (every problem names its field), and
 * the checks that bind an answer to its request. {@code out_card_code} is limited to digits, letters and
 * {@code _-|*}, so no value can leave its path segment.
 */
final class CardRequests {

    /** {@code POST}: prepare a claim. */
    static final String CARDS = "/v3/discount-card/cards";

    /** {@code GET}: query a card. */
    static final String CARD = CARDS + "/{out_card_code}";

    /** {@code POST}: add user records (answered 204). */
    static final String ADD_USER_RECORDS = CARD + "/add-user-records";

    private static final Pattern OUT_CARD_CODE = Pattern.compile("[0-9A-Za-z_|*-]{1,32}");

    private CardRequests() {
    }

    static List<String> outCardCode(@Nullable String outCardCode) {
        if (outCardCode == null || outCardCode.isEmpty()) {
            return List.of("out_card_code is required");
        }
        if (!OUT_CARD_CODE.matcher(outCardCode).matches()) {
            return List.of("out_card_code must be 1 to 32 characters of digits, letters and _-|* but was '"
                    + UntrustedText.id(outCardCode) + "'");
        }
        return List.of();
    }

    static List<String> prepare(@Nullable PrepareCardRequest request) {
        return (request != null) ? request.problems() : List.of("the prepare card request is required");
    }

    static List<String> addUserRecords(@Nullable String outCardCode, @Nullable AddUserRecordsRequest request) {
        List<String> problems = new ArrayList<>(outCardCode(outCardCode));
        if (request == null) {
            problems.add("the add user records request is required");
        }
        else {
            problems.addAll(request.problems());
        }
        return problems;
    }

    /**
     * A verified card must be the card asked for: a genuine, signed answer about another card (moved by someone
     * inside TLS) must not pass as this one.
     */
    static AnswerCheck<DiscountCard> sameCard(String outCardCode) {
        return (card, requestId) -> outCardCode.equals(card.outCardCode()) ? null
                : new WechatPayInvalidResponseException("The verified WeChat Pay response is an answer for another "
                        + "card: asked for out_card_code '" + UntrustedText.id(outCardCode) + "', answered '"
                        + UntrustedText.id(card.outCardCode()) + "'", requestId, null);
    }

    /** A prepare answer without its token is of no use: typed, never a {@code NullPointerException} later. */
    static AnswerCheck<PrepareCardResponse> hasToken() {
        return (response, requestId) -> {
            String token = response.prepareCardToken();
            return (token != null && !token.isBlank()) ? null : new WechatPayInvalidResponseException(
                    "The verified WeChat Pay response has no prepare_card_token", requestId, null);
        };
    }
}
