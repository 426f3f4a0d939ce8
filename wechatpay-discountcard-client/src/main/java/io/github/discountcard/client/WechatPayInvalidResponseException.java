package io.github.discountcard.client;

import org.jspecify.annotations.Nullable;

/**
 * A response that cannot be used: larger than the configured limit, not the documented JSON, empty or
 * {@code null} where an answer was due, or a verified answer about another order than the one asked for.
 */
public class WechatPayInvalidResponseException extends WechatPayException {

    private static final long serialVersionUID = 1L;

    public WechatPayInvalidResponseException(String message, @Nullable String requestId, @Nullable Throwable cause) {
        super(message + requestIdSuffix(requestId), requestId, cause);
    }
}
