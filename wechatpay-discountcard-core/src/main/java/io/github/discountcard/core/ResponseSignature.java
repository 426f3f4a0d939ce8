package io.github.discountcard.core;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The four {@code Wechatpay-*} headers that sign a response (or a callback), as received; any may be missing.
 * @param serial {@code Wechatpay-Serial}: the public key id or certificate serial that signed
 * @param timestamp {@code Wechatpay-Timestamp}: Unix seconds
 * @param nonce {@code Wechatpay-Nonce}
 * @param signature {@code Wechatpay-Signature}: Base64 SHA256withRSA
 */
public record ResponseSignature(@Nullable String serial, @Nullable String timestamp, @Nullable String nonce,
        @Nullable String signature) {

    public static final String SERIAL_HEADER = "Wechatpay-Serial";

    public static final String TIMESTAMP_HEADER = "Wechatpay-Timestamp";

    public static final String NONCE_HEADER = "Wechatpay-Nonce";

    public static final String SIGNATURE_HEADER = "Wechatpay-Signature";

    /** Reads the four headers through a lookup such as {@code headers::getFirst}. */
    public static ResponseSignature from(Function<String, @Nullable String> headers) {
        return new ResponseSignature(headers.apply(SERIAL_HEADER), headers.apply(TIMESTAMP_HEADER),
                headers.apply(NONCE_HEADER), headers.apply(SIGNATURE_HEADER));
    }
}
