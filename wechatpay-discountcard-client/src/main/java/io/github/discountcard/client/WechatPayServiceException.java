package io.github.discountcard.client;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * WeChat Pay answered with an error: HTTP status, {@code code}, {@code message}, {@code detail} and the
 * {@code Request-ID} that WeChat Pay support asks for.
 */
public class WechatPayServiceException extends WechatPayException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;

    private final @Nullable String code;

    private final @Nullable String errorMessage;

    private final @Nullable String detail;

    private final @Nullable String requestId;

    private final boolean signatureVerified;

    private final @Nullable Duration retryAfter;

    public WechatPayServiceException(int statusCode, @Nullable String code, @Nullable String errorMessage,
            @Nullable String detail, @Nullable String requestId, boolean signatureVerified) {
        this(statusCode, code, errorMessage, detail, requestId, signatureVerified, null);
    }

    public WechatPayServiceException(int statusCode, @Nullable String code, @Nullable String errorMessage,
            @Nullable String detail, @Nullable String requestId, boolean signatureVerified,
            @Nullable Duration retryAfter) {
        super(describe(statusCode, code, errorMessage, detail, requestId, signatureVerified));
        this.statusCode = statusCode;
        this.code = code;
        this.errorMessage = errorMessage;
        this.detail = detail;
        this.requestId = requestId;
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

    /** The {@code Request-ID} response header: quote it to WeChat Pay support. */
    public @Nullable String requestId() {
        return this.requestId;
    }

    /** Whether the error response carried a signature that verified (WeChat Pay may leave errors unsigned). */
    public boolean signatureVerified() {
        return this.signatureVerified;
    }

    /** Answer text goes into messages and logs: keep it short and on one line, whoever sent it. */
    private static String printable(String text, int max) {
        String line = text.replaceAll("[\\p{Cc}\\p{Zl}\\p{Zp}]", " ");
        return (line.length() > max) ? line.substring(0, max) + "..." : line;
    }

    /** Whether retrying the same request may succeed: 429 and 5xx. */
    public boolean isRetryable() {
        return this.statusCode == 429 || this.statusCode >= 500;
    }

    private static String describe(int status, @Nullable String code, @Nullable String message,
            @Nullable String detail, @Nullable String requestId, boolean verified) {
        StringBuilder text = new StringBuilder("WeChat Pay answered HTTP ").append(status);
        if (code != null) {
            text.append(' ').append(printable(code, 64));
        }
        if (message != null) {
            text.append(": ").append(printable(message, 512));
        }
        if (detail != null) {
            text.append(" (detail ").append(printable(detail, 512)).append(')');
        }
        if (!verified) {
            text.append(" (unsigned answer)");
        }
        text.append(" [Request-ID ").append((requestId != null) ? printable(requestId, 64) : "none").append(']');
        return text.toString();
    }
}
