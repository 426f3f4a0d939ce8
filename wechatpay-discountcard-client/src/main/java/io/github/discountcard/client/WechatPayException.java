package io.github.discountcard.client;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception the discount card client signals. Unchecked; messages help the reader and never
 * contain a key, the APIv3 key or the {@code Authorization} header.
 * <p>
 * Text that came from WeChat Pay (or whoever answered), such as the {@code Request-ID}, is kept only as made
 * printable and capped by {@link UntrustedText}: every getter of this exception family returns that sanitized
 * text, never the raw bytes.
 */
public abstract class WechatPayException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final @Nullable String requestId;

    protected WechatPayException(String message) {
        this(message, null, null);
    }

    protected WechatPayException(String message, @Nullable Throwable cause) {
        this(message, null, cause);
    }

    /**
     * @param requestId the answer's {@code Request-ID} as received; kept sanitized ({@link UntrustedText#id})
     */
    protected WechatPayException(String message, @Nullable String requestId, @Nullable Throwable cause) {
        super(message, cause);
        this.requestId = UntrustedText.id(requestId);
    }

    /**
     * The {@code Request-ID} response header that WeChat Pay support asks for, made printable and capped; {@code
     * null} when there was no answer or it carried none.
     */
    public @Nullable String requestId() {
        return this.requestId;
    }

    /** The suffix every message with an answer ends in. */
    static String requestIdSuffix(@Nullable String requestId) {
        String printable = UntrustedText.id(requestId);
        return " [Request-ID " + ((printable != null) ? printable : "none") + "]";
    }
}
