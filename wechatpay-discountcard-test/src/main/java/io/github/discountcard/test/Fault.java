package io.github.discountcard.test;

/**
 * A failure the simulator injects into one response (see {@link DiscountCardSimulator#failNext(Fault, int)} and
 * {@link DiscountCardSimulator#setFault(Fault)}). A fault applies to any request, whatever its route, and is
 * consumed when the request arrives, before its signature is checked.
 */
public enum Fault {

    /** 500 {@code SYSTEM_ERROR} before the request is looked at: the order does not change. The response is signed. */
    SERVER_ERROR,

    /**
     * 429 {@code FREQUENCY_LIMITED} with {@code Retry-After: 1} before the request is looked at: the order does
     * not change. The response is signed.
     */
    TOO_MANY_REQUESTS,

    /**
     * The TCP connection is reset (SO_LINGER 0, then close) without any response, before the request is even
     * authenticated: nothing is applied and its nonce stays unused. The client sees an {@link java.io.IOException}.
     * <p>
     * Mind the client's own retries: the JDK {@code HttpClient} silently resends a GET once, with the same headers,
     * when the connection closes without an answer; that resend then succeeds. Use
     * {@code failNext(CONNECTION_RESET, 2)} to make a GET fail. It never resends a PATCH.
     */
    CONNECTION_RESET,

    /**
     * The request is handled normally (authenticated, an update applied), then the connection is reset without a
     * response. A client that resends the very same signed request (as the JDK {@code HttpClient} does for a GET)
     * gets 401 {@code SIGN_ERROR} for the replayed nonce, as from WeChat; a retry signed afresh is applied
     * idempotently.
     */
    CONNECTION_RESET_AFTER_APPLY,

    /**
     * Handled normally; {@code Wechatpay-Signature} is valid Base64 of a real RSA signature, but over another
     * message. The core verifier fails with {@code BAD_SIGNATURE}.
     */
    BAD_SIGNATURE,

    /** Handled normally; the response has no {@code Wechatpay-Signature} header ({@code MISSING_HEADER}). */
    MISSING_SIGNATURE,

    /**
     * Handled normally and correctly signed, but {@code Wechatpay-Timestamp} is 10 minutes old
     * ({@code EXPIRED_TIMESTAMP}).
     */
    STALE_TIMESTAMP,

    /**
     * Handled normally; {@code Wechatpay-Signature} is a WeChat probe: {@code WECHATPAY/SIGNTEST/} followed by
     * Base64 garbage ({@code SIGNATURE_PROBE}).
     */
    PROBE_SIGNATURE,

    /**
     * Handled normally; signed with a throwaway key under a serial the client cannot know ({@code UNKNOWN_SERIAL}):
     * a {@code PUB_KEY_ID_…} id in public-key mode, a 40-digit hex serial otherwise.
     */
    UNKNOWN_SERIAL,

    /**
     * Handled normally and signed, then one byte of the body is changed ({@code BAD_SIGNATURE}). A 204 (no body)
     * is signed over a body that is then left out.
     */
    TAMPERED_BODY
}
