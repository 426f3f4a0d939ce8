package io.github.discountcard.client.launch;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.github.discountcard.client.WechatPayInvalidRequestException;

/**
 * What a front end needs to open WeChat's claim page for a card of the cards family (lifecycle spec §5.1): the
 * mini program's {@code appid} (for {@code wx.navigateToMiniProgram}), its original id {@code username} (for an
 * APP, or {@code wx-open-launch-weapp} in H5) and the {@code path} with the URL-encoded {@code prepare_card_token}.
 * No signature, timestamp or nonce is involved.
 *
 * <pre>{@code
 * PrepareCardResponse prepared = client.prepareCard(request).block();
 * CardLaunch launch = CardLaunch.of(prepared.prepareCardToken());
 * // launch.path() = "/pages/get-card/get-card?prepare_card_token=abc%2Bdef%2F%3D%3D"
 * }</pre>
 *
 * @param appid the claim mini program's appid, {@value #APPID}
 * @param username the claim mini program's original id, {@value #USERNAME}
 * @param path the page with the token, {@value #PAGE}{@code ?prepare_card_token=<URL-encoded token>}
 */
public record CardLaunch(String appid, String username, String path) {

    /** The appid of WeChat's discount card mini program. */
    public static final String APPID = "wxcc2e4fbc5887661e";

    /** The original id (username) of WeChat's discount card mini program. */
    public static final String USERNAME = "gh_b8b605649746";

    /** The claim page of the mini program. */
    public static final String PAGE = "/pages/get-card/get-card";

    /** The longest token accepted: WeChat documents up to 256 characters (some pages say 64). */
    static final int MAX_TOKEN_LENGTH = 256;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /**
     * The launch of the claim page for a token.
     * @param prepareCardToken the {@code prepare_card_token} of a prepare card answer
     * @return the launch values
     * @throws WechatPayInvalidRequestException when the token is blank or longer than 256 characters
     */
    public static CardLaunch of(String prepareCardToken) {
        if (prepareCardToken == null || prepareCardToken.isBlank()) { // null despite the contract: still typed
            throw new WechatPayInvalidRequestException(List.of("prepare_card_token is required"));
        }
        if (prepareCardToken.length() > MAX_TOKEN_LENGTH) {
            throw new WechatPayInvalidRequestException(List.of("prepare_card_token must be at most "
                    + MAX_TOKEN_LENGTH + " characters but has " + prepareCardToken.length()));
        }
        return new CardLaunch(APPID, USERNAME, PAGE + "?prepare_card_token=" + encode(prepareCardToken));
    }

    /**
     * RFC 3986 percent-encoding of a query value: only unreserved characters stay, so {@code +}, {@code /} and
     * {@code =} of a Base64 token arrive as they were (a literal {@code +} would read as a space).
     */
    static String encode(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder encoded = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                encoded.append((char) c);
            }
            else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return encoded.toString();
    }
}
