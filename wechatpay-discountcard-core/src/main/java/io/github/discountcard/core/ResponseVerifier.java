package io.github.discountcard.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Verifies WeChat Pay responses and callbacks: SHA256withRSA over {@code TIMESTAMP\nNONCE\nBODY\n} with the
 * key named by {@code Wechatpay-Serial}, a timestamp inside the allowed window, and never a probe signature.
 * <p>
 * Fails closed: any missing, blank or malformed input ends in a {@link SignatureVerificationException} with
 * its {@link VerificationFailure reason}, never in another exception. Thread-safe.
 */
public final class ResponseVerifier {

    /** The default distance allowed between {@code Wechatpay-Timestamp} and now, in either direction. */
    public static final Duration DEFAULT_TIMESTAMP_WINDOW = Duration.ofMinutes(5);

    /** WeChat Pay's probe signatures start with this; they must fail verification. */
    public static final String PROBE_PREFIX = "WECHATPAY/SIGNTEST/";

    private static final byte[] NEWLINE = { '\n' };

    private final VerificationKeys keys;

    private final Clock clock;

    private final long windowSeconds;

    public ResponseVerifier(VerificationKeys keys) {
        this(keys, Clock.systemUTC(), DEFAULT_TIMESTAMP_WINDOW);
    }

    public ResponseVerifier(VerificationKeys keys, Clock clock, Duration timestampWindow) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (timestampWindow.compareTo(Duration.ofSeconds(1)) < 0) {
            // WeChat Pay timestamps are whole seconds: a shorter window would reject every response
            throw new IllegalArgumentException("timestampWindow must be at least 1 second but was " + timestampWindow);
        }
        this.windowSeconds = timestampWindow.toSeconds();
    }

    public VerificationKeys keys() {
        return this.keys;
    }

    /**
     * Verifies one response.
     * @param headers the four {@code Wechatpay-*} headers as received
     * @param body the exact body bytes received (empty when there is no body)
     * @return the key that verified it
     * @throws SignatureVerificationException when the response must not be trusted
     */
    public VerificationKey verify(ResponseSignature headers, byte[] body) {
        String serial = required(headers.serial(), ResponseSignature.SERIAL_HEADER);
        String timestamp = required(headers.timestamp(), ResponseSignature.TIMESTAMP_HEADER);
        String nonce = required(headers.nonce(), ResponseSignature.NONCE_HEADER);
        String signature = required(headers.signature(), ResponseSignature.SIGNATURE_HEADER);
        if (signature.startsWith(PROBE_PREFIX)) {
            throw fail(VerificationFailure.SIGNATURE_PROBE,
                    "The response carries a WeChat Pay probe signature (" + PROBE_PREFIX + "...)");
        }
        Instant now = this.clock.instant();
        checkTimestamp(timestamp, now);
        VerificationKey key = this.keys.find(serial);
        if (key == null) {
            throw fail(VerificationFailure.UNKNOWN_SERIAL, "No WeChat Pay public key or platform certificate is "
                    + "known for Wechatpay-Serial '" + printable(serial) + "'; known: " + this.keys);
        }
        if (!key.usableAt(now)) {
            throw fail(VerificationFailure.KEY_EXPIRED,
                    "The platform certificate " + key.id() + " named by Wechatpay-Serial is outside its validity period");
        }
        byte[] signatureBytes;
        try {
            signatureBytes = Base64.getDecoder().decode(signature);
        }
        catch (IllegalArgumentException ex) {
            throw fail(VerificationFailure.BAD_SIGNATURE, "Wechatpay-Signature is not valid Base64");
        }
        byte[] head = SignedMessages.lines(timestamp, nonce);
        if (!key.verify(signatureBytes, head, body, NEWLINE)) {
            throw fail(VerificationFailure.BAD_SIGNATURE,
                    "Wechatpay-Signature does not match the response (checked with " + key.id() + ")");
        }
        return key;
    }

    private void checkTimestamp(String timestamp, Instant now) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        }
        catch (NumberFormatException ex) {
            throw fail(VerificationFailure.MALFORMED_HEADER,
                    "Wechatpay-Timestamp is not a number of seconds: '" + printable(timestamp) + "'");
        }
        long skew = Math.abs(now.getEpochSecond() - seconds);
        if (skew > this.windowSeconds || skew < 0) { // skew < 0 only on overflow of Math.abs
            throw fail(VerificationFailure.EXPIRED_TIMESTAMP, "Wechatpay-Timestamp " + seconds
                    + " is outside the allowed window of " + this.windowSeconds + " s from now");
        }
    }

    private static String required(@Nullable String value, String header) {
        if (value == null || value.isBlank()) {
            throw fail(VerificationFailure.MISSING_HEADER, "The response has no " + header + " header");
        }
        return value.trim();
    }

    /** Keeps attacker-controlled text short and on one line in messages and logs. */
    private static String printable(String value) {
        String shortened = (value.length() > 80) ? value.substring(0, 80) + "..." : value;
        return shortened.replaceAll("\\p{Cntrl}", "?");
    }

    private static SignatureVerificationException fail(VerificationFailure reason, String message) {
        return new SignatureVerificationException(reason, message);
    }

    @Override
    public String toString() {
        return "ResponseVerifier[keys=" + this.keys + ", window=" + this.windowSeconds + "s]";
    }
}
