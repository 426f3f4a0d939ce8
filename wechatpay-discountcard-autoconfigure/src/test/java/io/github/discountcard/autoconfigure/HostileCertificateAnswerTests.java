package io.github.discountcard.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import io.github.discountcard.test.TestMerchant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code /v3/certificates} answer with CR/LF and 50 KB in {@code serial_no}, unsigned or signed by a key nobody
 * holds: refused at startup, and nothing of it reaches the startup report, the WARN log or the health details
 * unescaped or beyond the cap; the report does not blame {@code wechatpay.api-v3-key}, which is fine.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostileCertificateAnswerTests {

    private static final String INJECTED = "INJECTED-LINE";

    private static final String HOSTILE_SERIAL = "5157F09E\r\n" + INJECTED + " level=ERROR " + "X".repeat(50_000);

    private static final TestMerchant merchant = TestMerchant.generate();

    private final SteppedTimeScheduler time = new SteppedTimeScheduler(CertificateRefreshLifecycle.STARTUP_RETRIES);

    private DisposableServer server;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(WechatPayAutoConfiguration.class, WechatPayClientAutoConfiguration.class,
                WechatPayHealthAutoConfiguration.class))
        .withBean(CertificateRefreshTiming.class, () -> new CertificateRefreshTiming(this.time, Clock.systemUTC()));

    @AfterEach
    void stop() {
        if (this.server != null) {
            this.server.disposeNow();
        }
        this.time.dispose();
    }

    private String start(boolean signed) throws Exception {
        String body = "{\"data\":[{\"serial_no\":\"" + HOSTILE_SERIAL.replace("\r", "\\r").replace("\n", "\\n")
                + "\",\"effective_time\":\"2026-01-01T00:00:00+08:00\",\"expire_time\":\"2031-01-01T00:00:00+08:00\","
                + "\"encrypt_certificate\":{\"algorithm\":\"AEAD_AES_256_GCM\",\"nonce\":\"0123456789ab\","
                + "\"associated_data\":\"certificate\",\"ciphertext\":\"" + "QUJD".repeat(40) + "\"}}]}";
        Map<String, String> headers = signed ? signedByAStranger(body) : Map.of();
        this.server = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route((routes) -> routes.get("/v3/certificates", (request, response) -> {
                headers.forEach(response::header);
                return response.header("Content-Type", "application/json")
                    .header("Request-ID", "REQ-" + "Y".repeat(2_000)) // long; CR/LF cannot travel in a header
                    .sendString(Mono.just(body));
            }))
            .bindNow();
        return "http://127.0.0.1:" + this.server.port();
    }

    /** A valid WeChat Pay style signature, by a key that no certificate the client could hold belongs to. */
    private static Map<String, String> signedByAStranger(String body) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey stranger = generator.generateKeyPair().getPrivate();
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String nonce = "N" + System.nanoTime();
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(stranger);
        signature.update((timestamp + "\n" + nonce + "\n" + body + "\n").getBytes(StandardCharsets.UTF_8));
        return Map.of("Wechatpay-Serial", "7E57ED0000000000000000000000000000000001", "Wechatpay-Timestamp", timestamp,
                "Wechatpay-Nonce", nonce, "Wechatpay-Signature", Base64.getEncoder().encodeToString(signature.sign()),
                "Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
    }

    private String[] properties(String baseUrl, String... more) {
        String[] base = { "wechatpay.mch-id=" + merchant.mchId(),
                "wechatpay.merchant-serial-number=" + merchant.serialNumber(),
                "wechatpay.private-key=" + merchant.privateKeyPem(), "wechatpay.api-v3-key=" + merchant.apiV3Key(),
                "wechatpay.base-url=" + baseUrl };
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static void assertHarmless(String text) {
        assertThat(text).doesNotContain("\r").doesNotContain("\n" + INJECTED).doesNotContain("X".repeat(300))
            .doesNotContain("Y".repeat(300));
    }

    @ParameterizedTest(name = "signed by a stranger: {0}")
    @ValueSource(booleans = { false, true })
    void theStartupReportShowsNoAttackerTextAndDoesNotBlameTheKey(boolean signed, CapturedOutput output)
            throws Exception {
        String baseUrl = start(signed);
        this.runner.withPropertyValues(properties(baseUrl)).run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new WechatPayConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertHarmless(analysis.getDescription());
            assertHarmless(analysis.getAction());
            assertThat(analysis.getDescription()).doesNotContain("wechatpay.api-v3-key").hasSizeLessThan(4096)
                .contains(signed ? "a key not held" : "signature verification");
        });
        assertHarmless(output.getAll());
    }

    @ParameterizedTest(name = "signed by a stranger: {0}")
    @ValueSource(booleans = { false, true })
    void withoutFailFastHealthAndLogShowNoAttackerText(boolean signed, CapturedOutput output) throws Exception {
        String baseUrl = start(signed);
        this.runner.withPropertyValues(properties(baseUrl, "wechatpay.certificates.fail-fast=false")).run((context) -> {
            assertThat(context).hasNotFailed();
            var health = context.getBean(WechatPayHealthIndicator.class).health();
            assertThat(health.getDetails()).containsEntry("lastRefreshSuccessful", false)
                .containsEntry("keyIds", java.util.List.of());
            String error = String.valueOf(health.getDetails().get("lastRefreshError"));
            assertHarmless(error);
            assertThat(error).doesNotContain("wechatpay.api-v3-key").hasSizeLessThan(2048);
        });
        assertHarmless(output.getAll());
    }
}
