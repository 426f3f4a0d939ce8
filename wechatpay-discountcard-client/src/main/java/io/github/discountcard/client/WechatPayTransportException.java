package io.github.discountcard.client;

import org.jspecify.annotations.Nullable;

/** The exchange did not complete: connection refused or reset, or no answer in time (see the subclass). */
public class WechatPayTransportException extends WechatPayException {

    private static final long serialVersionUID = 1L;

    public WechatPayTransportException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
