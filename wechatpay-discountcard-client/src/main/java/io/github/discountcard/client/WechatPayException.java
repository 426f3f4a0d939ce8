package io.github.discountcard.client;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception the discount card client signals. Unchecked; messages help the reader and never
 * contain a key, the APIv3 key or the {@code Authorization} header.
 */
public abstract class WechatPayException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected WechatPayException(String message) {
        super(message);
    }

    protected WechatPayException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
