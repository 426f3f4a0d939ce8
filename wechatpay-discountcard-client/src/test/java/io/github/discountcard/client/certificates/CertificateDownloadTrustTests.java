package io.github.discountcard.client.certificates;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.discountcard.client.loopback.AnswerSigner;
import io.github.discountcard.client.loopback.LoopbackServer;
import io.github.discountcard.client.loopback.LoopbackServer.Reply;
import io.github.discountcard.core.AeadAesGcm;
import io.github.discountcard.core.CryptoException;
import io.github.discountcard.core.PemKeys;
import io.github.discountcard.core.VerificationKeys;
import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.PemWriter;
import io.github.discountcard.test.SigningMode;
import io.github.discountcard.test.TestMerchant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The certificate download against crafted {@code /v3/certificates} answers served from loopback: it trusts
 * nothing it has not verified, installs only exactly-formed certificates, keeps attacker text printable and
 * capped, and blames the APIv3 key only when a verified answer does not decrypt.
 */
class CertificateDownloadTrustTests {

    static final TestMerchant merchant = TestMerchant.generate();

    /** The WeChat Pay public key the client already holds: a download it signs is verified before decrypting. */
    static final AnswerSigner wechat = AnswerSigner.publicKey();

    static final String HOSTILE_SERIAL = "5F3A\r\nWARN forged log line\r\n" + "x".repeat(50 * 1024);

    static final JsonMapper json = JsonMapper.builder().build();

    static LoopbackServer server;

    static X509Certificate certificate;

    AeadAesGcm aead;

    VerificationKeys keys;

    PlatformCertificateManager manager;

    ListAppender<ILoggingEvent> logs;

    @BeforeAll
    static void start() {
        server = LoopbackServer.start((request) -> new Reply(500, Map.of(), new byte[0]));
        // a real platform certificate (the simulator's, not started): only its PEM is needed here
        certificate = DiscountCardSimulator.builder().mode(SigningMode.CERTIFICATE).build().platformCertificate();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void manager() {
        this.aead = new AeadAesGcm(merchant.apiV3Key());
        this.keys = new VerificationKeys(List.of(wechat.verificationKey()));
        this.manager = PlatformCertificateManager.builder()
            .keys(this.keys)
            .signer(merchant.signer())
            .apiV3Key(this.aead)
            .baseUrl(server.baseUrl())
            .build();
        Logger logger = (Logger) LoggerFactory.getLogger("io.github.discountcard");
        this.logs = new ListAppender<>();
        this.logs.start();
        logger.addAppender(this.logs);
        logger.setLevel(Level.DEBUG);
    }

    @AfterEach
    void release() {
        Logger logger = (Logger) LoggerFactory.getLogger("io.github.discountcard");
        logger.detachAppender(this.logs);
        logger.setLevel(null);
    }

    byte[] download(String serialNo, String associatedData, String plaintext, AeadAesGcm key) {
        Map<String, Object> encrypted = new LinkedHashMap<>();
        encrypted.put("algorithm", "AEAD_AES_256_GCM");
        encrypted.put("nonce", "TestNonce012");
        encrypted.put("associated_data", associatedData);
        encrypted.put("ciphertext", key.encrypt(associatedData, "TestNonce012",
                plaintext.getBytes(StandardCharsets.UTF_8)));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("serial_no", serialNo);
        entry.put("effective_time", "2024-01-01T00:00:00+08:00");
        entry.put("expire_time", "2029-01-01T00:00:00+08:00");
        entry.put("encrypt_certificate", encrypted);
        return json.writeValueAsBytes(Map.of("data", List.of(entry)));
    }

    String serial() {
        return PemKeys.serialNumber(certificate);
    }

    String pem() {
        return PemWriter.certificate(certificate);
    }

    /** Everything an operator could see: the failure, the last result (health), every log line. */
    List<String> operatorText(Throwable failure) {
        List<String> texts = new ArrayList<>();
        texts.add(failure.getMessage());
        texts.add(String.valueOf(this.manager.lastResult().error()));
        this.logs.list.forEach((event) -> texts.add(event.getFormattedMessage()));
        return texts;
    }

    void assertNothingHostileShows(Throwable failure) {
        assertThat(operatorText(failure)).allSatisfy((text) -> assertThat(text)
            .doesNotContain("\r", "\n", "x".repeat(65))
            .doesNotContain("api-v3-key")
            .hasSizeLessThan(1200));
    }

    @Test
    void anUnsignedAnswerWithAHostileSerialIsRefusedAndNothingOfItShows() {
        byte[] body = download(HOSTILE_SERIAL, "certificate", pem(), this.aead);
        server.answer((request) -> new Reply(200, Map.of("Request-ID", "R\u0085" + "y".repeat(500)), body));
        Throwable failure = catchFailure();
        assertThat(failure).isInstanceOf(CertificateDownloadException.class)
            .hasMessageContaining("signature verification");
        assertNothingHostileShows(failure);
        assertThat(failure.getMessage()).doesNotContain("\u0085", "y".repeat(65));
        assertThat(this.keys.find(serial())).isNull();
    }

    @Test
    void anAnswerSignedByAnUnknownKeyWhoseCertificateDoesNotDecryptIsUnverifiableNotAKeyProblem() {
        AnswerSigner stranger = AnswerSigner.withSerial("ABCDEF0123456789", TestMerchant.generate().keyPair());
        // encrypted with a key that is not the merchant's: as anyone without the APIv3 key would
        byte[] body = download(HOSTILE_SERIAL, "certificate", pem(), new AeadAesGcm("Z".repeat(32)));
        server.answer((request) -> new Reply(200, stranger.sign(body), body));
        Throwable failure = catchFailure();
        assertThat(failure).isInstanceOfSatisfying(CertificateDownloadException.class, (ex) -> {
            assertThat(ex.getMessage()).contains("cannot be verified", "ABCDEF0123456789");
            assertThat(ex.isApiV3KeyMismatch()).isFalse();
            assertThat(ex).rootCause().isNotInstanceOf(CryptoException.class);
        });
        assertNothingHostileShows(failure);
    }

    @Test
    void anEntryWithAnotherAssociatedDataIsNeverInstalled() {
        byte[] body = download(serial(), "transaction", pem(), this.aead);
        server.answer((request) -> new Reply(200, wechat.sign(body), body));
        assertThat(catchFailure()).isInstanceOf(CertificateDownloadException.class)
            .hasMessageContaining("associated_data 'transaction'");
        assertThat(this.keys.find(serial())).isNull();
    }

    @Test
    void aCertificateEmbeddedInOtherTextIsNeverInstalled() {
        for (String plaintext : List.of("prefix\n" + pem(), pem() + "trailer", pem() + pem(),
                pem().replace("CERTIFICATE", "PUBLIC KEY"))) {
            byte[] body = download(serial(), "certificate", plaintext, this.aead);
            server.answer((request) -> new Reply(200, wechat.sign(body), body));
            assertThat(catchFailure()).isInstanceOf(CertificateDownloadException.class)
                .hasMessageContaining("exactly one CERTIFICATE PEM block");
            assertThat(this.keys.find(serial())).isNull();
        }
    }

    @Test
    void aVerifiedAnswerThatDoesNotDecryptBlamesTheApiV3Key() {
        byte[] body = download(serial(), "certificate", pem(), new AeadAesGcm("Z".repeat(32)));
        server.answer((request) -> new Reply(200, wechat.sign(body), body));
        assertThat(catchFailure()).isInstanceOfSatisfying(CertificateDownloadException.class, (ex) -> {
            assertThat(ex.getMessage()).contains("wechatpay.api-v3-key").doesNotContain(merchant.apiV3Key());
            assertThat(ex.isApiV3KeyMismatch()).isTrue();
            assertThat(ex.getCause()).isInstanceOf(CryptoException.class);
        });
    }

    @Test
    void aWellFormedVerifiedAnswerIsInstalled() {
        byte[] body = download(serial(), "certificate", pem(), this.aead);
        server.answer((request) -> new Reply(200, wechat.sign(body), body));
        assertThat(this.manager.refresh().block().serials()).containsExactly(serial());
        assertThat(this.keys.find(serial())).isNotNull();
        assertThat(this.keys.find(wechat.keyId())).isNotNull();
    }

    @Test
    void theDownloadGoesThroughTheClientsResponsePath() {
        // the same one-pass reader as every call: over the cap is refused before anything parses it
        byte[] body = ("{\"data\":[" + "{},".repeat(400_000) + "{}]}").getBytes(StandardCharsets.UTF_8);
        server.answer((request) -> new Reply(200, wechat.sign(body), body));
        assertThat(catchFailure()).isInstanceOf(CertificateDownloadException.class)
            .hasMessageContaining("exceeds the limit");
        assertThat(server.received()).last().satisfies((request) -> {
            assertThat(request.uri()).isEqualTo("/v3/certificates");
            assertThat(request.acceptEncoding()).isNull();
        });
    }

    Throwable catchFailure() {
        try {
            this.manager.refresh().block();
        }
        catch (RuntimeException ex) {
            return ex;
        }
        throw new AssertionError("the download was accepted");
    }
}
