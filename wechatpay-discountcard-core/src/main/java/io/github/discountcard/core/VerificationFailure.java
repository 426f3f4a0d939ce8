package io.github.discountcard.core;

/** Why a WeChat Pay response failed verification. Each reason is distinct so callers and metrics can tell them apart. */
public enum VerificationFailure {

    /** A {@code Wechatpay-*} header is absent or blank. */
    MISSING_HEADER,

    /** A header is present but unreadable, e.g. a non-numeric {@code Wechatpay-Timestamp}. */
    MALFORMED_HEADER,

    /** {@code Wechatpay-Serial} names no key or certificate that we hold. */
    UNKNOWN_SERIAL,

    /** The key named by {@code Wechatpay-Serial} is a certificate outside its validity period. */
    KEY_EXPIRED,

    /** {@code Wechatpay-Timestamp} is further from now than the allowed window (a replay or a skewed clock). */
    EXPIRED_TIMESTAMP,

    /** A {@code WECHATPAY/SIGNTEST/} probe signature: WeChat checks that clients reject these. */
    SIGNATURE_PROBE,

    /** The signature is not Base64 or does not match the message. */
    BAD_SIGNATURE
}
