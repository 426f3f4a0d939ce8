package io.github.discountcard.client;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * WeChat Pay answered with an error: HTTP status, {@code code}, {@code message}, {@code detail} and the
 * {@code Request-ID} that WeChat Pay support asks for.
 * <p>
 * Error answers may be unsigned ({@link #signatureVerified()} says), so their text may come from anyone on the
 * path: {@code code}, {@code message}, {@code detail} and the {@code Request-ID} are kept made printable and
 * capped ({@link UntrustedText}), and the getters return that sanitized text.
 */
public class WechatPayServiceException extends WechatPayException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;

    private final @Nullable String code;

    private final @Nullable String errorMessage;

    private final @Nullable String detail;

    private final boolean signatureVerified;

    private final @Nullable Duration retryAfter;

    public WechatPayServiceException(int statusCode, @Nullable String code, @Nullable String errorMessage,
            @Nullable String detail, @Nullable String requestId, boolean signatureVerified) {
        this(statusCode, code, errorMessage, detail, requestId, signatureVerified, null);
    }

    public WechatPayServiceException(int statusCode, @Nullable String code, @Nullable String errorMessage,
            @Nullable String detail, @Nullable String requestId, boolean signatureVerified,
            @Nullable Duration retryAfter) {
        super(describe(statusCode, code, errorMessage, detail, requestId, signatureVerified), requestId, null);
        this.statusCode = statusCode;
        this.code = UntrustedText.id(code);
        this.errorMessage = UntrustedText.message(errorMessage);
        this.detail = UntrustedText.message(detail);
        this.signatureVerified = signatureVerified;
        this.retryAfter = retryAfter;
    }

    /** The {@code Retry-After} WeChat Pay asked for (with a 429, say), or {@code null}. */
    public @Nullable Duration retryAfter() {
        return this.retryAfter;
    }

    /** The HTTP status, e.g. 400. */
    public int statusCode() {
        return this.statusCode;
    }

    /** WeChat Pay's error code, e.g. {@code PARAM_ERROR}; {@code null} when the body had none. */
    public @Nullable String code() {
        return this.code;
    }

    /** WeChat Pay's error message. */
    public @Nullable String errorMessage() {
        return this.errorMessage;
    }

    /** The {@code detail} object as JSON text, when WeChat Pay sent one. */
    public @Nullable String detail() {
        return this.detail;
    }

    /** Whether the error response carried a signature that verified (WeChat Pay may leave errors unsigned). */
    public boolean signatureVerified() {
        return this.signatureVerified;
    }

    /** Whether retrying the same query may succeed: 429 and 5xx ({@link RetryPolicy#isRetryableStatus}). */
    public boolean isRetryable() {
        return RetryPolicy.isRetryableStatus(this.statusCode);
    }

    private static String describe(int status, @Nullable String code, @Nullable String message,
            @Nullable String detail, @Nullable String requestId, boolean verified) {
        StringBuilder text = new StringBuilder("WeChat Pay answered HTTP ").append(status);
        if (code != null) {
            text.append(' ').append(UntrustedText.id(code));
        }
        if (message != null) {
            text.append(": ").append(UntrustedText.message(message));
        }
        if (detail != null) {
            text.append(" (detail ").append(UntrustedText.message(detail)).append(')');
        }
        if (!verified) {
            text.append(" (unsigned answer)");
        }
        text.append(requestIdSuffix(requestId));
        return text.toString();
    }
}
