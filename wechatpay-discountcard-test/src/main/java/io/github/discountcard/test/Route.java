package io.github.discountcard.test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * The endpoints the simulator serves, matched on the raw (still percent-encoded) path: a path parameter is exactly
 * one segment, so {@code %2F} stays inside it while a literal {@code /} makes an extra segment and no match.
 */
record Route(Kind kind, String rawParameter) {

    private static final String ORDERS = "/v3/discount-card/orders/";

    private static final String BY_OUT_TRADE_NO = ORDERS + "out-trade-no/";

    private static final String CERTIFICATES = "/v3/certificates";

    private static final String CARDS = "/v3/discount-card/cards";

    private static final String ADD_USER_RECORDS = "/add-user-records";

    enum Kind {
        /** {@code PATCH /v3/discount-card/orders/{out_order_no}}. */
        UPDATE_ORDER("out_order_no"),
        /** {@code GET /v3/discount-card/orders/{out_order_no}}. */
        QUERY_ORDER("out_order_no"),
        /** {@code GET /v3/discount-card/orders/out-trade-no/{out_trade_no}}. */
        QUERY_BY_OUT_TRADE_NO("out_trade_no"),
        /** {@code GET /v3/certificates}. */
        CERTIFICATES(""),
        /** {@code POST /v3/discount-card/cards}. */
        PREPARE_CARD(""),
        /** {@code POST /v3/discount-card/cards/{out_card_code}/add-user-records}. */
        ADD_USER_RECORDS("out_card_code"),
        /** {@code GET /v3/discount-card/cards/{out_card_code}}. */
        QUERY_CARD("out_card_code");

        final String parameterName;

        Kind(String parameterName) {
            this.parameterName = parameterName;
        }
    }

    /** The route of a request, or 404 {@code RESOURCE_NOT_EXISTS}. */
    static Route match(String method, String rawTarget) {
        int query = rawTarget.indexOf('?');
        String path = (query < 0) ? rawTarget : rawTarget.substring(0, query);
        if (method.equals("GET") && path.equals(CERTIFICATES)) {
            return new Route(Kind.CERTIFICATES, "");
        }
        if (method.equals("GET") && path.startsWith(BY_OUT_TRADE_NO) && isSegment(path, BY_OUT_TRADE_NO.length())) {
            return new Route(Kind.QUERY_BY_OUT_TRADE_NO, path.substring(BY_OUT_TRADE_NO.length()));
        }
        Route card = matchCard(method, path);
        if (card != null) {
            return card;
        }
        if (path.startsWith(ORDERS) && isSegment(path, ORDERS.length())) {
            if (method.equals("PATCH")) {
                return new Route(Kind.UPDATE_ORDER, path.substring(ORDERS.length()));
            }
            if (method.equals("GET")) {
                return new Route(Kind.QUERY_ORDER, path.substring(ORDERS.length()));
            }
        }
        throw ApiException.resourceNotExists("No resource at " + method + " "
                + AuthorizationHeader.printable(rawTarget) + ": the simulator serves PATCH and GET "
                + "/v3/discount-card/orders/{out_order_no}, GET /v3/discount-card/orders/out-trade-no/{out_trade_no}, "
                + "POST /v3/discount-card/cards, POST /v3/discount-card/cards/{out_card_code}/add-user-records, "
                + "GET /v3/discount-card/cards/{out_card_code} and GET /v3/certificates");
    }

    /** A cards-family route, or {@code null}. */
    private static @Nullable Route matchCard(String method, String path) {
        if (method.equals("POST") && path.equals(CARDS)) {
            return new Route(Kind.PREPARE_CARD, "");
        }
        int start = CARDS.length() + 1;
        if (!path.startsWith(CARDS + "/")) {
            return null;
        }
        if (method.equals("POST") && path.endsWith(ADD_USER_RECORDS)) {
            String rest = path.substring(0, path.length() - ADD_USER_RECORDS.length());
            return isSegment(rest, start) ? new Route(Kind.ADD_USER_RECORDS, rest.substring(start)) : null;
        }
        if (method.equals("GET") && isSegment(path, start)) {
            return new Route(Kind.QUERY_CARD, path.substring(start));
        }
        return null;
    }

    /** The path parameter, percent-decoded (RFC 3986, UTF-8); 400 {@code PARAM_ERROR} when it is malformed. */
    String parameter() {
        String decoded = percentDecode(this.rawParameter);
        if (decoded == null) {
            throw ApiException.paramError(this.kind.parameterName, "is not validly percent-encoded UTF-8", "path");
        }
        return decoded;
    }

    /** Whether the rest of the path from {@code start} is one non-empty segment. */
    private static boolean isSegment(String path, int start) {
        return path.length() > start && path.indexOf('/', start) < 0;
    }

    /** RFC 3986 decoding: {@code %XX} octets, UTF-8; {@code +} stays a plus. {@code null} when malformed. */
    static @Nullable String percentDecode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.write((high << 4) | low);
                i += 2;
            }
            else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes.toByteArray()))
                .toString();
        }
        catch (CharacterCodingException ex) {
            return null;
        }
    }
}
