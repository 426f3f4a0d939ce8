package io.github.discountcard.autoconfigure;

import io.github.discountcard.client.DiscountCardClient;
import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.PemWriter;
import io.github.discountcard.test.ReceivedRequest;
import io.github.discountcard.test.TestMerchant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configured client never asks for a compressed answer (no {@code Accept-Encoding}), with Boot's
 * {@code WebClient.Builder} and without one: WeChat Pay then answers with the exact bytes it signed. (A client
 * built with {@code WebClientDiscountCardClient.builder()} alone is checked in the client module.)
 */
class CompressionTests {

    static final TestMerchant merchant = TestMerchant.generate();

    static final DiscountCardSimulator simulator = DiscountCardSimulator.builder().build().start()
        .registerMerchant(merchant);

    @AfterAll
    static void stop() {
        simulator.close();
    }

    String[] properties() {
        return new String[] { "wechatpay.mch-id=" + merchant.mchId(),
                "wechatpay.merchant-serial-number=" + merchant.serialNumber(),
                "wechatpay.private-key=" + merchant.privateKeyPem(),
                "wechatpay.public-key=" + PemWriter.publicKey(simulator.platformPublicKey()),
                "wechatpay.public-key-id=" + simulator.platformPublicKeyId(),
                "wechatpay.base-url=" + simulator.baseUrl() };
    }

    @Test
    void theAutoConfiguredClientSendsNoAcceptEncoding() {
        simulator.createOrder("GZIP-1");
        for (ApplicationContextRunner runner : new ApplicationContextRunner[] {
                new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WechatPayAutoConfiguration.class,
                        WechatPayClientAutoConfiguration.class)),
                new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
                        WechatPayAutoConfiguration.class, WechatPayClientAutoConfiguration.class)) }) {
            runner.withPropertyValues(properties()).run((context) -> {
                assertThat(context.getBean(DiscountCardClient.class).getOrder("GZIP-1").block()).isNotNull();
                ReceivedRequest request = simulator.lastRequest().orElseThrow();
                assertThat(request.status()).isEqualTo(200);
                assertThat(request.header("Accept-Encoding")).isEmpty();
            });
        }
    }
}
