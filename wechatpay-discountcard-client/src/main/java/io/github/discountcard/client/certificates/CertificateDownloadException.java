package io.github.discountcard.client.certificates;

import io.github.discountcard.client.WechatPayException;

/** Platform certificates could not be downloaded or none of them can be used; the key registry is unchanged. */
public class CertificateDownloadException extends WechatPayException {

    private static final long serialVersionUID = 1L;

    private final boolean publicKeyModeOnly;

    public CertificateDownloadException(String message, boolean publicKeyModeOnly, Throwable cause) {
        super(message, cause);
        this.publicKeyModeOnly = publicKeyModeOnly;
    }

    public CertificateDownloadException(String message) {
        super(message);
        this.publicKeyModeOnly = false;
    }

    /**
     * Whether WeChat Pay answered 404 {@code RESOURCE_NOT_EXISTS}: the merchant has only a WeChat Pay public key
     * (the case for merchants onboarded since late 2024) and must configure public-key mode.
     */
    public boolean isPublicKeyModeOnly() {
        return this.publicKeyModeOnly;
    }
}
