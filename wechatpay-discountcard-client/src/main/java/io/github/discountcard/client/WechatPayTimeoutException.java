package io.github.discountcard.client;

import org.jspecify.annotations.Nullable;

/** WeChat Pay did not answer within the configured connect or response timeout, or the call timeout. */
public class WechatPayTimeoutException extends WechatPayTransportException {

    private static final long serialVersionUID = 1L;

    public WechatPayTimeoutException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
