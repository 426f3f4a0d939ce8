package io.github.discountcard.client;

import io.github.discountcard.core.SignatureVerificationException;
import io.github.discountcard.core.VerificationFailure;
import org.jspecify.annotations.Nullable;

/** A response failed signature verification: its content never reaches the caller. */
public class WechatPaySignatureException extends WechatPayException {

    private static final long serialVersionUID = 1L;

    private final VerificationFailure reason;

    public WechatPaySignatureException(SignatureVerificationException cause, @Nullable String requestId) {
        super("The WeChat Pay response failed signature verification (" + cause.reason() + "): "
                + UntrustedText.message(cause.getMessage()) + requestIdSuffix(requestId), requestId, cause);
        this.reason = cause.reason();
    }

    /** Why verification failed. */
    public VerificationFailure reason() {
        return this.reason;
    }
}
