package io.github.discountcard.test;

import java.security.PublicKey;
import java.security.cert.X509Certificate;

import io.github.discountcard.core.RequestSigner;
import org.jspecify.annotations.Nullable;

/**
 * One platform key the simulator signs responses with.
 * @param id the {@code Wechatpay-Serial} it signs under: {@code PUB_KEY_ID_…} or a certificate serial
 * @param publicKey the key that verifies its signatures
 * @param signer the core signer holding the private key ({@link RequestSigner#signMessage(byte[])})
 * @param certificate the platform certificate, {@code null} for a WeChat Pay public key
 */
record SigningKey(String id, PublicKey publicKey, RequestSigner signer, @Nullable X509Certificate certificate) {

    @Override
    public String toString() {
        return "SigningKey[" + this.id + "]";
    }
}
