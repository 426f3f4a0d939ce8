package io.github.discountcard.client.certificates;

import io.github.discountcard.client.UntrustedText;
import io.github.discountcard.client.WechatPayException;
import org.jspecify.annotations.Nullable;

/**
 * Platform certificates could not be downloaded or none of them can be used; the key registry is unchanged.
 * The message holds only text made printable and capped ({@link UntrustedText}): it is safe for logs, health
 * details and a startup report. It names {@code wechatpay.api-v3-key} only when a <em>verified</em> answer's
 * certificates do not decrypt.
 */
public class CertificateDownloadException extends WechatPayException {

    private static final long serialVersionUID = 1L;

    private final boolean publicKeyModeOnly;

    private final boolean apiV3KeyMismatch;

    public CertificateDownloadException(String message, boolean publicKeyModeOnly, Throwable cause) {
        super(message, requestIdOf(cause), cause);
        this.publicKeyModeOnly = publicKeyModeOnly;
        this.apiV3KeyMismatch = false;
    }

    public CertificateDownloadException(String message) {
        super(message);
        this.publicKeyModeOnly = false;
        this.apiV3KeyMismatch = false;
    }

    /** A verified answer's certificates that do not decrypt, with the answer's {@code Request-ID}. */
    CertificateDownloadException(String message, @Nullable String requestId, boolean apiV3KeyMismatch,
            @Nullable Throwable cause) {
        super(message + " [Request-ID " + orNone(UntrustedText.id(requestId)) + "]", requestId, cause);
        this.publicKeyModeOnly = false;
        this.apiV3KeyMismatch = apiV3KeyMismatch;
    }

    /**
     * Whether a <em>verified</em> answer (signed by a key already held) lists certificates that do not decrypt
     * with the configured APIv3 key: then that key is not the merchant's. An answer that could not be verified
     * never sets this, whatever failed to decrypt: nothing shows it came from WeChat Pay. When set, the cause is
     * the {@link io.github.discountcard.core.CryptoException}.
     */
    public boolean isApiV3KeyMismatch() {
        return this.apiV3KeyMismatch;
    }

    /**
     * Whether WeChat Pay answered 404 {@code RESOURCE_NOT_EXISTS}: the merchant has only a WeChat Pay public key
     * (the case for merchants onboarded since late 2024) and must configure public-key mode.
     */
    public boolean isPublicKeyModeOnly() {
        return this.publicKeyModeOnly;
    }

    private static @Nullable String requestIdOf(@Nullable Throwable cause) {
        return (cause instanceof WechatPayException wechatPay) ? wechatPay.requestId() : null;
    }

    private static String orNone(@Nullable String text) {
        return (text != null) ? text : "none";
    }
}
