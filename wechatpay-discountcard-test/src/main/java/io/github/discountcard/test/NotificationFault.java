package io.github.discountcard.test;

/**
 * What the simulator does wrong, on purpose, when it delivers a notification (see
 * {@link SimulatedNotifications.Outgoing#faults(NotificationFault...)} and
 * {@link SimulatedNotifications#failNext(NotificationFault, int)}).
 * <p>
 * A notification with a fault that a verifying endpoint must refuse ({@link #isRefusable()}) is sent once and never
 * retried: WeChat Pay's probes are one-offs, and a test wants to see that single refusal.
 */
public enum NotificationFault {

    /** {@code Wechatpay-Signature} is a WeChat Pay probe: {@code WECHATPAY/SIGNTEST/} and Base64 garbage. */
    PROBE_SIGNATURE(true),

    /** Correctly signed, but {@code Wechatpay-Timestamp} is 10 minutes old (or as old as the given skew). */
    STALE_TIMESTAMP(true),

    /** Signed by another key under the genuine {@code Wechatpay-Serial}: the signature does not verify. */
    WRONG_KEY(true),

    /** Signed by a throwaway key under a certificate serial ({@code Wechatpay-Serial}) nobody knows. */
    UNKNOWN_SERIAL(true),

    /** Signed, then one byte of the body is changed. */
    TAMPERED_BODY(true),

    /** No {@code Wechatpay-Timestamp} header. */
    MISSING_TIMESTAMP(true),

    /** No {@code Wechatpay-Nonce} header. */
    MISSING_NONCE(true),

    /** No {@code Wechatpay-Signature} header. */
    MISSING_SIGNATURE(true),

    /** No {@code Wechatpay-Serial} header. */
    MISSING_SERIAL(true),

    /** Correctly signed, but the resource is encrypted with another APIv3 key than the merchant's. */
    OTHER_APIV3_KEY(true),

    /** Delivered again (signed afresh, same id and body) after it was acknowledged. */
    DUPLICATE(false),

    /** The very same request (same nonce, timestamp and signature) sent again after it was acknowledged. */
    REPLAY(false),

    /**
     * Held back until the next notification to the same URL has been delivered (or until
     * {@link SimulatedNotifications#releaseHeld()}), then delivered.
     */
    OUT_OF_ORDER(false);

    private final boolean refusable;

    NotificationFault(boolean refusable) {
        this.refusable = refusable;
    }

    /** Whether an endpoint that verifies and decrypts must refuse the delivery; such deliveries are not retried. */
    public boolean isRefusable() {
        return this.refusable;
    }
}
