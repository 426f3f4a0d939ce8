package io.github.discountcard.sample;

import java.nio.file.Path;
import java.util.List;

import javax.net.ssl.SSLException;

import io.github.discountcard.client.DiscountCardClient;
import io.github.discountcard.client.RetryPolicy;
import io.github.discountcard.client.WebClientDiscountCardClient;
import io.github.discountcard.client.WechatPayTransportException;
import io.github.discountcard.client.model.DiscountCardOrder;
import io.github.discountcard.core.ResponseVerifier;
import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.SimulatorTls;
import io.github.discountcard.test.TestMerchant;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The simulator over TLS, trusted the way an application in another container trusts it: the certificate file the
 * simulator wrote, read by a Spring Boot PEM SSL bundle ({@code spring.ssl.bundle.pem.NAME.truststore.certificate}),
 * and the real client on Reactor Netty calling it by host name, with host name verification on.
 */
class SimulatorTlsSslBundleTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class));

    @Test
    void aClientTrustingTheSimulatorThroughAnSslBundleGetsVerifiedOrders(@TempDir Path directory) throws Exception {
        SimulatorTls tls = SimulatorTls.generate(List.of("localhost"));
        Path certificate = tls.writeCertificate(directory.resolve("simulator.crt"));
        TestMerchant merchant = TestMerchant.generate();
        try (DiscountCardSimulator simulator = DiscountCardSimulator.builder().tls(tls).build().start()) {
            simulator.registerMerchant(merchant);
            simulator.createOrder("TLS-ORDER-1");
            String baseUrl = "https://localhost:" + simulator.port();
            this.contextRunner
                .withPropertyValues("spring.ssl.bundle.pem.simulator.truststore.certificate=file:" + certificate)
                .run((context) -> {
                    SslBundle bundle = context.getBean(SslBundles.class).getBundle("simulator");
                    DiscountCardOrder order = client(baseUrl, merchant, simulator, trusting(bundle))
                        .getOrder("TLS-ORDER-1")
                        .block();
                    assertThat(order.outOrderNo()).isEqualTo("TLS-ORDER-1");
                });
            // without the bundle, the JDK's trust store does not know the generated certificate
            DiscountCardClient untrusting = client(baseUrl, merchant, simulator, SslContextBuilder.forClient().build());
            assertThatExceptionOfType(WechatPayTransportException.class)
                .isThrownBy(() -> untrusting.getOrder("TLS-ORDER-1").block());
        }
    }

    private static SslContext trusting(SslBundle bundle) throws SSLException {
        return SslContextBuilder.forClient().trustManager(bundle.getManagers().getTrustManagerFactory()).build();
    }

    private static DiscountCardClient client(String baseUrl, TestMerchant merchant, DiscountCardSimulator simulator,
            SslContext ssl) {
        HttpClient https = HttpClient.create().secure((spec) -> spec.sslContext(ssl));
        return WebClientDiscountCardClient.builder()
            .baseUrl(baseUrl)
            .signer(merchant.signer())
            .verifier(new ResponseVerifier(simulator.verificationKeys()))
            .webClientBuilder(WebClient.builder().clientConnector(new ReactorClientHttpConnector(https)))
            .retryPolicy(RetryPolicy.NONE)
            .build();
    }
}
