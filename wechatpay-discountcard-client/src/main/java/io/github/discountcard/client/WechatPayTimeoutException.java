package io.github.discountcard.client;

/** WeChat Pay did not answer within the configured connect or response timeout. */
public class WechatPayTimeoutException extends WechatPayTransportException {

    private static final long serialVersionUID = 1L;

    public WechatPayTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
