package io.github.discountcard.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;

import io.github.discountcard.client.DiscountCardClient;
import io.github.discountcard.client.WechatPayException;
import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.PemWriter;
import io.github.discountcard.test.ReceivedRequest;
import io.github.discountcard.test.SigningMode;
import io.github.discountcard.test.TestMerchant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The connector's transport from Spring Boot's HTTP client support: an SSL bundle and an HTTP proxy apply to the
 * API calls and to the certificate download alike; the properties' checks join the one startup report.
 */
class ConnectorTransportTests {

    /** One merchant key pair for all tests: RSA key generation is the slow part of a set-up. */
    private static final TestMerchant merchant = TestMerchant.generate();

    private final SteppedTimeScheduler time = new SteppedTimeScheduler(CertificateRefreshLifecycle.STARTUP_RETRIES);

    private final List<AutoCloseable> closeables = new ArrayList<>();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, WechatPayAutoConfiguration.class,
                WechatPayClientAutoConfiguration.class))
        .withBean(CertificateRefreshTiming.class, () -> new CertificateRefreshTiming(this.time, Clock.systemUTC()));

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : this.closeables) {
            closeable.close();
        }
        this.time.dispose();
    }

    private <T extends AutoCloseable> T closeLater(T closeable) {
        this.closeables.add(closeable);
        return closeable;
    }

    private DiscountCardSimulator simulator(SigningMode mode) {
        DiscountCardSimulator simulator = closeLater(DiscountCardSimulator.builder().mode(mode).build().start())
            .registerMerchant(merchant);
        simulator.createOrder("NET-1");
        return simulator;
    }

    private List<String> certificateMode(String baseUrl, String... more) {
        List<String> properties = new ArrayList<>(List.of("wechatpay.mch-id=" + merchant.mchId(),
                "wechatpay.merchant-serial-number=" + merchant.serialNumber(),
                "wechatpay.private-key=" + merchant.privateKeyPem(),
                "wechatpay.api-v3-key=" + merchant.apiV3Key(), "wechatpay.base-url=" + baseUrl));
        properties.addAll(List.of(more));
        return properties;
    }

    private static List<String> paths(DiscountCardSimulator simulator) {
        return simulator.requests().stream().map(ReceivedRequest::rawPath).toList();
    }

    @Test
    void aServerTrustedOnlyThroughTheSslBundleServesCallsAndCertificateDownloads() throws Exception {
        DiscountCardSimulator simulator = simulator(SigningMode.CERTIFICATE);
        LoopbackTlsFront front = closeLater(new LoopbackTlsFront(simulator.port()));
        this.runner
            .withPropertyValues(certificateMode(front.baseUrl(), "wechatpay.ssl.bundle=wechat-test",
                    "spring.ssl.bundle.pem.wechat-test.truststore.certificate=" + front.certificatePem())
                .toArray(String[]::new))
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(DiscountCardClient.class).getOrder("NET-1").block().outOrderNo())
                    .isEqualTo("NET-1");
                assertThat(paths(simulator)).containsExactly("/v3/certificates", "/v3/discount-card/orders/NET-1");
                assertThat(front.relayedConnections()).isPositive();
            });
    }

    @Test
    void withoutTheBundleTheSameServerIsNotTrusted() throws Exception {
        DiscountCardSimulator simulator = simulator(SigningMode.PUBLIC_KEY);
        LoopbackTlsFront front = closeLater(new LoopbackTlsFront(simulator.port()));
        this.runner
            .withPropertyValues("wechatpay.mch-id=" + merchant.mchId(),
                    "wechatpay.merchant-serial-number=" + merchant.serialNumber(),
                    "wechatpay.private-key=" + merchant.privateKeyPem(),
                    "wechatpay.public-key=" + PemWriter.publicKey(simulator.platformPublicKey()),
                    "wechatpay.public-key-id=" + simulator.platformPublicKeyId(), "wechatpay.base-url=" + front.baseUrl(),
                    "wechatpay.retry.max-attempts=1")
            .run((context) -> {
                assertThatThrownBy(() -> context.getBean(DiscountCardClient.class).getOrder("NET-1").block())
                    .isInstanceOf(WechatPayException.class)
                    .satisfies((ex) -> assertThat(causes(ex)).anyMatch(SSLHandshakeException.class::isInstance));
                assertThat(simulator.requests()).isEmpty();
                assertThat(front.relayedConnections()).isZero();
            });
    }

    @Test
    void theProxySeesTheCallsAndTheCertificateDownload() throws Exception {
        DiscountCardSimulator simulator = simulator(SigningMode.CERTIFICATE);
        LoopbackConnectProxy proxy = closeLater(new LoopbackConnectProxy());
        this.runner
            .withPropertyValues(certificateMode(simulator.baseUrl(), "wechatpay.proxy.host=127.0.0.1",
                    "wechatpay.proxy.port=" + proxy.port(), "wechatpay.proxy.username=merchant-app",
                    "wechatpay.proxy.password=proxy-secret")
                .toArray(String[]::new))
            .run((context) -> {
                assertThat(context.getBean(DiscountCardClient.class).getOrder("NET-1").block()).isNotNull();
                assertThat(proxy.connects()).isNotEmpty().allSatisfy((target) -> assertThat(target)
                    .isEqualTo("127.0.0.1:" + simulator.port()));
                assertThat(proxy.requests()).containsExactly("GET /v3/certificates",
                        "GET /v3/discount-card/orders/NET-1");
                assertThat(proxy.authorizations()).isNotEmpty().allSatisfy((value) -> assertThat(value).isEqualTo(
                        "Basic " + Base64.getEncoder()
                            .encodeToString("merchant-app:proxy-secret".getBytes(StandardCharsets.UTF_8))));
                assertThat(paths(simulator)).containsExactly("/v3/certificates", "/v3/discount-card/orders/NET-1");
            });
    }

    @Test
    void proxyAndSslBundleTogether() throws Exception {
        DiscountCardSimulator simulator = simulator(SigningMode.CERTIFICATE);
        LoopbackTlsFront front = closeLater(new LoopbackTlsFront(simulator.port()));
        LoopbackConnectProxy proxy = closeLater(new LoopbackConnectProxy());
        this.runner
            .withPropertyValues(certificateMode(front.baseUrl(), "wechatpay.ssl.bundle=wechat-test",
                    "spring.ssl.bundle.pem.wechat-test.truststore.certificate=" + front.certificatePem(),
                    "wechatpay.proxy.host=127.0.0.1", "wechatpay.proxy.port=" + proxy.port())
                .toArray(String[]::new))
            .run((context) -> {
                assertThat(context.getBean(DiscountCardClient.class).getOrder("NET-1").block()).isNotNull();
                // TLS end to end: the proxy sees where, never what
                assertThat(proxy.connects()).isNotEmpty()
                    .allSatisfy((target) -> assertThat(target).isEqualTo(front.baseUrl().substring("https://".length())));
                assertThat(proxy.requests()).isEmpty();
                assertThat(paths(simulator)).containsExactly("/v3/certificates", "/v3/discount-card/orders/NET-1");
            });
    }

    @Test
    void theClientAsksForNoCompression() {
        // WeChat Pay signs the bytes it sends; Boot's connector builder would ask for gzip
        DiscountCardSimulator simulator = simulator(SigningMode.CERTIFICATE);
        this.runner.withPropertyValues(certificateMode(simulator.baseUrl()).toArray(String[]::new)).run((context) -> {
            assertThat(context.getBean(DiscountCardClient.class).getOrder("NET-1").block()).isNotNull();
            assertThat(simulator.requests()).hasSize(2)
                .allSatisfy((request) -> assertThat(request.header("Accept-Encoding")).isEmpty());
        });
    }

    @Test
    void anUndefinedSslBundleIsReported() {
        FailureAnalysis analysis = failure(this.runner, certificateMode("https://127.0.0.1:1", "wechatpay.ssl.bundle=nope"));
        assertThat(analysis.getDescription()).contains("wechatpay.ssl.bundle").contains("'nope', which is not defined");
        assertThat(analysis.getAction()).contains("spring.ssl.bundle.pem.nope");
    }

    @Test
    void anSslBundleWithoutBundleSupportIsReported() {
        ApplicationContextRunner withoutSsl = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WechatPayAutoConfiguration.class,
                    WechatPayClientAutoConfiguration.class));
        FailureAnalysis analysis = failure(withoutSsl, certificateMode("https://127.0.0.1:1", "wechatpay.ssl.bundle=x"));
        assertThat(analysis.getDescription()).contains("wechatpay.ssl.bundle").contains("no SSL bundles");
    }

    @Test
    void everyProxyProblemIsReportedTogether() {
        FailureAnalysis analysis = failure(this.runner, certificateMode("https://127.0.0.1:1",
                "wechatpay.proxy.host=proxy.internal", "wechatpay.proxy.port=70000",
                "wechatpay.proxy.non-proxy-hosts=(unclosed", "wechatpay.proxy.password=proxy-secret",
                "wechatpay.ssl.bundle=nope"));
        assertThat(analysis.getDescription()).contains("3 wechatpay.* properties cannot work")
            .contains("wechatpay.proxy.port': must be between 1 and 65535 but is 70000")
            .contains("wechatpay.proxy.non-proxy-hosts': is not a valid regular expression")
            .contains("wechatpay.ssl.bundle", "names SSL bundle")
            .doesNotContain("proxy-secret");
    }

    @Test
    void proxySettingsWithoutAHostAreReported() {
        FailureAnalysis analysis = failure(this.runner,
                certificateMode("https://127.0.0.1:1", "wechatpay.proxy.port=3128"));
        assertThat(analysis.getDescription()).contains("wechatpay.proxy.host").contains("is required");
        FailureAnalysis noPort = failure(this.runner,
                certificateMode("https://127.0.0.1:1", "wechatpay.proxy.host=proxy.internal"));
        assertThat(noPort.getDescription()).contains("wechatpay.proxy.port").contains("is required");
    }

    @Test
    void theProxyPasswordIsSanitized() {
        this.runner.withPropertyValues(certificateMode("https://127.0.0.1:1", "wechatpay.certificates.fail-fast=false")
            .toArray(String[]::new)).run((context) -> {
            SanitizingFunction function = context.getBean(SanitizingFunction.class);
            for (String key : List.of("wechatpay.proxy.password", "WECHATPAY_PROXY_PASSWORD")) {
                assertThat(function.apply(new SanitizableData(null, key, "proxy-secret")).getValue()).as(key)
                    .isEqualTo(SanitizableData.SANITIZED_VALUE);
            }
        });
    }

    private static FailureAnalysis failure(ApplicationContextRunner runner, List<String> properties) {
        FailureAnalysis[] result = new FailureAnalysis[1];
        runner.withPropertyValues(properties.toArray(String[]::new)).run((context) -> {
            assertThat(context).hasFailed();
            result[0] = new WechatPayConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
        });
        assertThat(result[0]).as("a failure analysis").isNotNull();
        return result[0];
    }

    private static List<Throwable> causes(Throwable ex) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable cause = ex; cause != null && !causes.contains(cause); cause = cause.getCause()) {
            causes.add(cause);
        }
        return causes;
    }
}
