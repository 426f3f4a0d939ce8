package io.github.discountcard.sample;

import java.nio.file.Path;
import java.util.List;

import io.github.discountcard.client.DiscountCardClient;
import io.github.discountcard.client.model.DiscountCardOrder;
import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.PemWriter;
import io.github.discountcard.test.SimulatorTls;
import io.github.discountcard.test.TestMerchant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application against the simulator over TLS, as in another container: it reaches the simulator by host
 * name over https and trusts exactly the certificate file the simulator wrote, through a Spring Boot PEM SSL bundle
 * named by {@code wechatpay.ssl.bundle}, with host name verification on. (That the JVM's default trust store
 * refuses the certificate: {@code SimulatorTlsTest}.)
 */
class SimulatorTlsSslBundleTests {

    @Test
    void theApplicationTrustsTheSimulatorThroughAnSslBundle(@TempDir Path directory) {
        SimulatorTls tls = SimulatorTls.generate(List.of("localhost"));
        Path certificate = tls.writeCertificate(directory.resolve("simulator.crt"));
        TestMerchant merchant = TestMerchant.generate();
        try (DiscountCardSimulator simulator = DiscountCardSimulator.builder().tls(tls).build().start()) {
            simulator.registerMerchant(merchant);
            simulator.createOrder("TLS-ORDER-1");
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SampleApplication.class)
                .web(WebApplicationType.NONE)
                .run("--sample.simulator.enabled=false",
                        "--wechatpay.base-url=https://localhost:" + simulator.port(),
                        "--wechatpay.mch-id=" + merchant.mchId(),
                        "--wechatpay.merchant-serial-number=" + merchant.serialNumber(),
                        "--wechatpay.private-key=" + merchant.privateKeyPem(),
                        "--wechatpay.api-v3-key=" + merchant.apiV3Key(),   // the sample handles notifications
                        "--wechatpay.public-key=" + PemWriter.publicKey(simulator.platformPublicKey()),
                        "--wechatpay.public-key-id=" + simulator.platformPublicKeyId(),
                        "--spring.ssl.bundle.pem.simulator.truststore.certificate=file:" + certificate,
                        "--wechatpay.ssl.bundle=simulator")) {
                DiscountCardOrder order = app.getBean(DiscountCardClient.class).getOrder("TLS-ORDER-1").block();
                assertThat(order.outOrderNo()).isEqualTo("TLS-ORDER-1");
            }
            assertThat(simulator.requestCount()).isEqualTo(1);
        }
    }
}
