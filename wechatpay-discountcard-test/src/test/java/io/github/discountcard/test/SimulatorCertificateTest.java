package io.github.discountcard.test;

import static io.github.discountcard.test.Bodies.orderPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.discountcard.core.AeadAesGcm;
import io.github.discountcard.core.PemKeys;
import io.github.discountcard.core.SignatureVerificationException;
import io.github.discountcard.core.VerificationFailure;
import io.github.discountcard.core.VerificationKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SimulatorCertificateTest {

    static final TestMerchant MERCHANT = TestMerchant.generate("1900000109");

    static DiscountCardSimulator certificates;

    static DiscountCardSimulator mixed;

    @BeforeAll
    static void start() {
        certificates = DiscountCardSimulator.builder().mode(SigningMode.CERTIFICATE).build().start()
            .registerMerchant(MERCHANT);
        mixed = DiscountCardSimulator.builder().mode(SigningMode.MIXED).build().start().registerMerchant(MERCHANT);
        certificates.createOrder("cert-order");
        mixed.createOrder("mixed-order");
    }

    @AfterAll
    static void stop() {
        certificates.close();
        mixed.close();
    }

    /** Decrypts every entry of /v3/certificates with the APIv3 key, checking the documented shape. */
    static List<X509Certificate> download(SignedClient client, SignedClient.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        client.verify(response);
        AeadAesGcm aead = new AeadAesGcm(MERCHANT.apiV3Key());
        List<X509Certificate> downloaded = new ArrayList<>();
        for (JsonNode entry : response.json().get("data")) {
            JsonNode encrypted = entry.get("encrypt_certificate");
            assertThat(encrypted.get("algorithm").stringValue()).isEqualTo("AEAD_AES_256_GCM");
            assertThat(encrypted.get("associated_data").stringValue()).isEqualTo("certificate");
            assertThat(encrypted.get("nonce").stringValue()).hasSize(12);
            String pem = aead.decryptToString(encrypted.get("associated_data").stringValue(),
                    encrypted.get("nonce").stringValue(), encrypted.get("ciphertext").stringValue());
            X509Certificate certificate = PemKeys.certificate(pem);
            assertThat(PemKeys.serialNumber(certificate)).isEqualTo(entry.get("serial_no").stringValue());
            assertThat(entry.get("effective_time").stringValue()).endsWith("+08:00");
            assertThat(entry.get("expire_time").stringValue()).endsWith("+08:00");
            downloaded.add(certificate);
        }
        return downloaded;
    }

    @Test
    void certificatesDecryptWithTheApiV3KeyAndTheSerialSignsTheResponse() throws Exception {
        SignedClient client = new SignedClient(certificates, MERCHANT);
        SignedClient.Response response = client.get("/v3/certificates?algorithm_type=RSA");
        List<X509Certificate> downloaded = download(client, response);
        assertThat(downloaded).hasSize(1);
        X509Certificate certificate = downloaded.get(0);
        assertThat(PemKeys.serialNumber(certificate)).isEqualTo(response.header("Wechatpay-Serial"))
            .matches("[0-9A-F]{40}");
        assertThat(certificate).isEqualTo(certificates.platformCertificate());
        assertThat(certificates.signingSerial()).isEqualTo(response.header("Wechatpay-Serial"));
        VerificationKey key = client.verify(response);
        assertThat(key.kind()).isEqualTo(VerificationKey.Kind.CERTIFICATE);
        certificate.verify(certificate.getPublicKey()); // self-signed
        assertThatIllegalStateException().isThrownBy(certificates::platformPublicKey).withMessageContaining("CERTIFICATE");
    }

    @Test
    void certificatesNeedTheApiV3Key() throws IOException {
        TestMerchant keyless = TestMerchant.generate("1900000555");
        certificates.registerMerchant(keyless.mchId(), keyless.serialNumber(), keyless.publicKey());
        SignedClient.Response response = new SignedClient(certificates, keyless).get("/v3/certificates");
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("message").stringValue()).contains("APIv3 key");
    }

    @Test
    void publicKeyModeHasNoCertificates() throws IOException {
        try (DiscountCardSimulator publicKey = DiscountCardSimulator.builder().build().start()) {
            publicKey.registerMerchant(MERCHANT);
            SignedClient client = new SignedClient(publicKey, MERCHANT);
            SignedClient.Response response = client.get("/v3/certificates");
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.code()).isEqualTo("RESOURCE_NOT_EXISTS");
            assertThat(response.header("Wechatpay-Serial")).isEqualTo(publicKey.platformPublicKeyId())
                .matches("PUB_KEY_ID_\\d+");
            client.verify(response);
            assertThatIllegalStateException().isThrownBy(publicKey::platformCertificate)
                .withMessageContaining("PUBLIC_KEY");
            assertThatIllegalStateException().isThrownBy(publicKey::rotateCertificate);
        }
    }

    @Test
    void rotationChangesTheSigningSerialAndListsBothCertificates() throws IOException {
        try (DiscountCardSimulator rotating = DiscountCardSimulator.builder().mode(SigningMode.CERTIFICATE).build()
            .start()) {
            rotating.registerMerchant(MERCHANT);
            rotating.createOrder("rotating");
            SignedClient client = new SignedClient(rotating, MERCHANT);
            String before = client.get(orderPath("rotating")).header("Wechatpay-Serial");

            X509Certificate rotated = rotating.rotateCertificate();
            SignedClient.Response after = client.get(orderPath("rotating"));
            assertThat(after.header("Wechatpay-Serial")).isEqualTo(PemKeys.serialNumber(rotated)).isNotEqualTo(before);
            client.verify(after);
            assertThat(download(client, client.get("/v3/certificates"))).extracting(PemKeys::serialNumber)
                .containsExactly(PemKeys.serialNumber(rotated), before);

            // an expired current certificate: still listed and signing, and the core reports it expired
            Instant now = Instant.now();
            X509Certificate expired = rotating.rotateCertificate(now.minus(Duration.ofDays(400)),
                    now.minus(Duration.ofDays(1)));
            SignedClient.Response signedByExpired = client.get(orderPath("rotating"));
            assertThat(signedByExpired.header("Wechatpay-Serial")).isEqualTo(PemKeys.serialNumber(expired));
            assertThatThrownBy(() -> client.verify(signedByExpired))
                .isInstanceOfSatisfying(SignatureVerificationException.class,
                        (ex) -> assertThat(ex.reason()).isEqualTo(VerificationFailure.KEY_EXPIRED));

            // a not yet valid one replaces it; the expired one is no longer listed
            X509Certificate future = rotating.rotateCertificate(now.plus(Duration.ofDays(1)),
                    now.plus(Duration.ofDays(400)));
            assertThat(rotating.platformCertificates()).extracting(PemKeys::serialNumber)
                .containsExactly(PemKeys.serialNumber(future), PemKeys.serialNumber(rotated), before);
        }
    }

    @Test
    void mixedModeSignsWithTheKeyTheRequestNames() throws IOException {
        SignedClient client = new SignedClient(mixed, MERCHANT);
        String path = orderPath("mixed-order");

        SignedClient.Response byPublicKey = client.send("GET", path, "",
                Map.of("Wechatpay-Serial", mixed.platformPublicKeyId()));
        assertThat(byPublicKey.header("Wechatpay-Serial")).isEqualTo(mixed.platformPublicKeyId());
        assertThat(client.verify(byPublicKey).kind()).isEqualTo(VerificationKey.Kind.PUBLIC_KEY);

        String certificateSerial = PemKeys.serialNumber(mixed.platformCertificate());
        SignedClient.Response byCertificate = client.send("GET", path, "",
                Map.of("Wechatpay-Serial", certificateSerial.toLowerCase()));
        assertThat(byCertificate.header("Wechatpay-Serial")).isEqualTo(certificateSerial);
        assertThat(client.verify(byCertificate).kind()).isEqualTo(VerificationKey.Kind.CERTIFICATE);

        SignedClient.Response byDefault = client.get(path);
        assertThat(byDefault.header("Wechatpay-Serial")).isEqualTo(certificateSerial);
        SignedClient.Response byUnknown = client.send("GET", path, "", Map.of("Wechatpay-Serial", "PUB_KEY_ID_0"));
        assertThat(byUnknown.header("Wechatpay-Serial")).isEqualTo(certificateSerial);

        assertThat(download(client, client.get("/v3/certificates"))).singleElement()
            .isEqualTo(mixed.platformCertificate());
        assertThat(mixed.verificationKeys().all()).hasSize(2);
    }

    @Test
    void unknownSerialFaultInCertificateModeUsesAHexSerial() throws IOException {
        SignedClient client = new SignedClient(certificates, MERCHANT);
        certificates.failNext(Fault.UNKNOWN_SERIAL);
        SignedClient.Response response = client.get(orderPath("cert-order"));
        assertThat(response.header("Wechatpay-Serial")).matches("[0-9A-F]{40}")
            .isNotEqualTo(certificates.signingSerial());
        assertThatThrownBy(() -> client.verify(response)).isInstanceOfSatisfying(SignatureVerificationException.class,
                (ex) -> assertThat(ex.reason()).isEqualTo(VerificationFailure.UNKNOWN_SERIAL));
    }
}
