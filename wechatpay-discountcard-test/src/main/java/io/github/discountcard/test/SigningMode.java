package io.github.discountcard.test;

/** Which kind of platform key the simulator signs its responses with. */
public enum SigningMode {

    /**
     * A WeChat Pay public key with id {@code PUB_KEY_ID_…} (the mode for merchants since late 2024).
     * {@code GET /v3/certificates} answers 404 {@code RESOURCE_NOT_EXISTS}.
     */
    PUBLIC_KEY,

    /**
     * A self-signed X.509 platform certificate; {@code Wechatpay-Serial} is its serial number in upper-case hex.
     * {@code GET /v3/certificates} lists it, encrypted with the merchant's APIv3 key.
     */
    CERTIFICATE,

    /**
     * Both (WeChat's migration from certificates to public keys): a response is signed with the key that the
     * request's {@code Wechatpay-Serial} header names (the public key id or a certificate serial); without that
     * header, or when it names no key of the simulator, with the current platform certificate.
     */
    MIXED
}
