package io.github.discountcard.test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.discountcard.core.RequestSigner;
import io.github.discountcard.core.ResponseSignature;
import io.github.discountcard.core.ResponseVerifier;
import org.jspecify.annotations.Nullable;

/**
 * Signs responses like WeChat Pay: {@code Wechatpay-Timestamp}, {@code Wechatpay-Nonce}, {@code Wechatpay-Serial}
 * and {@code Wechatpay-Signature} = Base64 SHA256withRSA over {@code TIMESTAMP\nNONCE\nBODY\n}, with the core's
 * {@link RequestSigner#signMessage(byte[])}; and breaks the signature on purpose for the signature {@link Fault}s.
 */
final class ResponseSigner {

    /** How old {@link Fault#STALE_TIMESTAMP} makes the timestamp. */
    static final long STALE_SECONDS = 600;

    private final PlatformKeys keys;

    private final Clock clock;

    private volatile @Nullable SigningKey throwaway;

    ResponseSigner(PlatformKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** The headers to send and the body to send (changed only by {@link Fault#TAMPERED_BODY}). */
    SignedBody sign(@Nullable String requestedSerial, byte[] body, @Nullable Fault fault) {
        SigningKey key = (fault == Fault.UNKNOWN_SERIAL) ? throwaway() : this.keys.keyFor(requestedSerial);
        long timestamp = this.clock.instant().getEpochSecond() - ((fault == Fault.STALE_TIMESTAMP) ? STALE_SECONDS : 0);
        String nonce = RandomIds.alphanumeric(32);
        String signature = key.signer().signMessage(message(timestamp, nonce, body));
        byte[] sent = body;
        if (fault == Fault.BAD_SIGNATURE) {
            // a genuine signature of this key, but over another message: valid Base64, wrong signature
            signature = key.signer().signMessage(message(timestamp, nonce + "-other", body));
        }
        else if (fault == Fault.PROBE_SIGNATURE) {
            signature = ResponseVerifier.PROBE_PREFIX + Base64.getEncoder().encodeToString(RandomIds.bytes(96));
        }
        else if (fault == Fault.TAMPERED_BODY && body.length == 0) {
            // a 204 cannot carry a changed body: sign a body that was then stripped on the way
            signature = key.signer().signMessage(message(timestamp, nonce, "{}".getBytes(StandardCharsets.UTF_8)));
        }
        else if (fault == Fault.TAMPERED_BODY) {
            sent = tamper(body);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ResponseSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
        headers.put(ResponseSignature.NONCE_HEADER, nonce);
        headers.put(ResponseSignature.SERIAL_HEADER, key.id());
        if (fault != Fault.MISSING_SIGNATURE) {
            headers.put(ResponseSignature.SIGNATURE_HEADER, signature);
        }
        return new SignedBody(Map.copyOf(headers), sent);
    }

    private static byte[] message(long timestamp, String nonce, byte[] body) {
        byte[] head = (timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[head.length + body.length + 1];
        System.arraycopy(head, 0, message, 0, head.length);
        System.arraycopy(body, 0, message, head.length, body.length);
        message[message.length - 1] = '\n';
        return message;
    }

    /** Changes the last letter or digit (inside the last JSON value, usually), so the JSON stays readable. */
    static byte[] tamper(byte[] body) {
        byte[] tampered = body.clone();
        for (int i = tampered.length - 1; i >= 0; i--) {
            byte b = tampered[i];
            if ((b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z')) {
                tampered[i] = (byte) ((b == '0') ? '1' : (b == 'a') ? 'b' : (b == 'A') ? 'B' : b - 1);
                return tampered;
            }
        }
        if (tampered.length > 0) {
            tampered[tampered.length - 1] ^= 0x01;
            return tampered;
        }
        return new byte[] { ' ' };
    }

    /** A key nobody knows, under a serial nobody knows; made on first use (RSA key generation is slow). */
    private SigningKey throwaway() {
        SigningKey key = this.throwaway;
        if (key == null) {
            synchronized (this) {
                key = this.throwaway;
                if (key == null) {
                    String id = (this.keys.mode() == SigningMode.PUBLIC_KEY)
                            ? "PUB_KEY_ID_" + RandomIds.digits(28) : RandomIds.upperHex(40);
                    java.security.KeyPair keyPair = TestMerchant.rsaKeyPair();
                    key = new SigningKey(id, keyPair.getPublic(),
                            new RequestSigner("unknown-signer", id, keyPair.getPrivate(), this.clock, null), null);
                    this.throwaway = key;
                }
            }
        }
        return key;
    }

    /** Signed response headers and the body bytes to send. */
    record SignedBody(Map<String, String> headers, byte[] body) {
    }
}
