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
 * The cards family's request targets and the checks made before anything is sent: every problem names its field.
 * {@code out_card_code} is limited to digits, letters and {@code _-|*}, so no value can leave its path segment.
 */
final class CardRequests {

    /** {@code POST}: prepare a claim. */
    static final String CARDS_PATH = "/v3/discount-card/cards";

    static final String CARD_TEMPLATE = CARDS_PATH + "/{out_card_code}";

    static final String ADD_USER_RECORDS_TEMPLATE = CARD_TEMPLATE + "/add-user-records";

    private static final Pattern OUT_CARD_CODE = Pattern.compile("[0-9A-Za-z_|*-]{1,32}");

    private CardRequests() {
    }

    /** {@code /v3/discount-card/cards/{out_card_code}}, the code percent-encoded as one segment. */
    static String cardPath(String outCardCode) {
        return CARDS_PATH + "/" + PathSegments.encode(outCardCode);
    }

    static String addUserRecordsPath(String outCardCode) {
        return cardPath(outCardCode) + "/add-user-records";
    }

    static List<String> outCardCode(@Nullable String outCardCode) {
        if (outCardCode == null || outCardCode.isEmpty()) {
            return List.of("out_card_code is required");
        }
        if (!OUT_CARD_CODE.matcher(outCardCode).matches()) {
            return List.of("out_card_code must be 1 to 32 characters of digits, letters and _-|* but was '"
                    + printable(outCardCode) + "'");
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
     * Binds a verified card to the question: a genuine, signed answer about another card (moved by someone inside
     * TLS) must not pass as this one.
     */
    static DiscountCard requireCard(String outCardCode, DiscountCard card, @Nullable String requestId) {
        if (!outCardCode.equals(card.outCardCode())) {
            throw new WechatPayInvalidResponseException("The verified WeChat Pay response is an answer for another "
                    + "card: asked for out_card_code '" + outCardCode + "' but got '"
                    + printable(String.valueOf(card.outCardCode())) + "'", requestId, null);
        }
        return card;
    }

    /** A prepare answer without its token is of no use: typed, never a {@code NullPointerException} later. */
    static PrepareCardResponse requireToken(PrepareCardResponse response, @Nullable String requestId) {
        String token = response.prepareCardToken();
        if (token == null || token.isBlank()) {
            throw new WechatPayInvalidResponseException("The verified WeChat Pay response has no prepare_card_token",
                    requestId, null);
        }
        return response;
    }

    private static String printable(String value) {
        String shortened = (value.length() > 40) ? value.substring(0, 40) + "..." : value;
        return shortened.replaceAll("[\\p{Cc}\\u0085\\u2028\\u2029]", "?");
    }
}
