package io.github.discountcard.test;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.discountcard.core.RequestSigner;
import org.jspecify.annotations.Nullable;

/**
 * The parts of {@code Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",timestamp="…",
 * serial_no="…",signature="…"}. Parsing failures are 401 {@code SIGN_ERROR}.
 */
record AuthorizationHeader(String mchId, String nonce, String timestamp, String serialNo, String signature) {

    private static final Pattern PARAMETER = Pattern.compile("\\s*([A-Za-z_]+)\\s*=\\s*\"([^\"]*)\"\\s*(?:,|$)");

    static AuthorizationHeader parse(@Nullable String header) {
        if (header == null || header.isBlank()) {
            throw ApiException.signError("The Authorization header is missing");
        }
        String value = header.trim();
        int space = value.indexOf(' ');
        String scheme = (space < 0) ? value : value.substring(0, space);
        if (!scheme.equals(RequestSigner.SCHEME)) {
            throw ApiException.signError("The Authorization scheme must be " + RequestSigner.SCHEME + " but was '"
                    + printable(scheme) + "'");
        }
        Map<String, String> parameters = new HashMap<>();
        Matcher matcher = PARAMETER.matcher(value);
        int position = space + 1;
        while (position < value.length()) {
            matcher.region(position, value.length());
            if (!matcher.lookingAt()) {
                throw ApiException.signError("The Authorization parameters are malformed at position " + position
                        + ": expected name=\"value\" pairs separated by commas");
            }
            if (parameters.put(matcher.group(1), matcher.group(2)) != null) {
                throw ApiException.signError("The Authorization parameter " + matcher.group(1) + " appears twice");
            }
            position = matcher.end();
        }
        return new AuthorizationHeader(required(parameters, "mchid"), required(parameters, "nonce_str"),
                required(parameters, "timestamp"), required(parameters, "serial_no"),
                required(parameters, "signature"));
    }

    private static String required(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null || value.isEmpty()) {
            throw ApiException.signError("The Authorization header has no " + name);
        }
        return value;
    }

    /** Keeps client text short and on one line in messages. */
    static String printable(String value) {
        String shortened = (value.length() > 80) ? value.substring(0, 80) + "..." : value;
        return shortened.replaceAll("\\p{Cntrl}", "?");
    }
}
