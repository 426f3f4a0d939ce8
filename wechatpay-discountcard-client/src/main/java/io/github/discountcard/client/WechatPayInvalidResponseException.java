package io.github.discountcard.client;

import org.jspecify.annotations.Nullable;

/** A verified response that cannot be used: larger than the configured limit, or not the documented JSON. */
public class WechatPayInvalidResponseException extends WechatPayException {

    private static final long serialVersionUID = 1L;

    private final @Nullable String requestId;

    public WechatPayInvalidResponseException(String message, @Nullable String requestId, @Nullable Throwable cause) {
        super(message + " [Request-ID " + ((requestId != null) ? requestId : "none") + "]", cause);
        this.requestId = requestId;
    }

    public @Nullable String requestId() {
        return this.requestId;
    }
}
