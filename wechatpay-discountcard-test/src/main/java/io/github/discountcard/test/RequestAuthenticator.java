package io.github.discountcard.test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * Checks a request like WeChat Pay: the {@code Authorization} header names a registered merchant and serial, its
 * timestamp is within 5 minutes of the simulator clock, SHA256withRSA over
 * {@code METHOD\nRAW_TARGET\nTIMESTAMP\nNONCE\nBODY\n} verifies with the merchant key, and the nonce is not a replay.
 * Every failure is 401 {@code SIGN_ERROR} with a message saying what failed.
 */
final class RequestAuthenticator {

    static final long WINDOW_SECONDS = 300;

    private final MerchantRegistry merchants;

    private final Clock clock;

    private final NonceCache nonces = new NonceCache(WINDOW_SECONDS);

    RequestAuthenticator(MerchantRegistry merchants, Clock clock) {
        this.merchants = merchants;
        this.clock = clock;
    }

    /** Returns the authenticated merchant or throws 401 {@code SIGN_ERROR}. */
    MerchantRegistry.Merchant authenticate(String method, String rawTarget, @Nullable String authorization,
            byte[] body) {
        AuthorizationHeader header = AuthorizationHeader.parse(authorization);
        MerchantRegistry.Merchant merchant = this.merchants.find(header.mchId())
            .orElseThrow(() -> ApiException.signError("mchid " + AuthorizationHeader.printable(header.mchId())
                    + " is not registered with the simulator"));
        PublicKey key = merchant.key(header.serialNo());
        if (key == null) {
            throw ApiException.signError("serial_no " + AuthorizationHeader.printable(header.serialNo())
                    + " is not a registered API certificate serial of mchid " + merchant.mchId());
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(header.timestamp());
        }
        catch (NumberFormatException ex) {
            throw ApiException.signError("timestamp '" + AuthorizationHeader.printable(header.timestamp())
                    + "' is not a number of seconds");
        }
        long now = this.clock.instant().getEpochSecond();
        if (Math.abs(now - timestamp) > WINDOW_SECONDS) {
            throw ApiException.signError("timestamp " + timestamp + " is more than " + WINDOW_SECONDS
                    + " s away from the server time " + now);
        }
        if (!verify(key, method, rawTarget, header, body)) {
            throw ApiException.signError("signature does not verify over the message '" + method + "\\n"
                    + AuthorizationHeader.printable(rawTarget) + "\\n" + timestamp + "\\n" + header.nonce()
                    + "\\n<" + body.length + " body bytes>\\n' with the key of serial_no " + header.serialNo());
        }
        if (!this.nonces.claim(merchant.mchId(), header.nonce(), timestamp, now)) {
            throw ApiException.signError("nonce_str " + AuthorizationHeader.printable(header.nonce())
                    + " was already used within the last " + WINDOW_SECONDS + " s (replayed request)");
        }
        return merchant;
    }

    private static boolean verify(PublicKey key, String method, String rawTarget, AuthorizationHeader header,
            byte[] body) {
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(header.signature());
        }
        catch (IllegalArgumentException ex) {
            throw ApiException.signError("signature is not valid Base64");
        }
        String head = method + "\n" + rawTarget + "\n" + header.timestamp() + "\n" + header.nonce() + "\n";
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(head.getBytes(StandardCharsets.UTF_8));
            verifier.update(body);
            verifier.update((byte) '\n');
            return verifier.verify(signature);
        }
        catch (GeneralSecurityException ex) {
            return false; // a signature of the wrong length or encoding
        }
    }
}
