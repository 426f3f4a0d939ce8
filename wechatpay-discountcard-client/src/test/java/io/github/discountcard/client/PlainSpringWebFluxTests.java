package io.github.discountcard.client;

import java.time.Duration;
import java.util.List;

import io.github.discountcard.client.model.DiscountCardOrder;
import io.github.discountcard.core.ResponseVerifier;
import io.github.discountcard.core.VerificationKey;
import io.github.discountcard.core.VerificationKeys;
import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.DiscountCardSimulatorExtension;
import io.github.discountcard.test.ReceivedRequest;
import io.github.discountcard.test.TestMerchant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A plain Spring application (no Spring Boot on the class path) builds a working client from
 * {@link WebClientDiscountCardClient#builder()} alone, with the starter's connector defaults: the configuration
 * below is the README's "Plain Spring WebFlux (no Boot)" example.
 */
class PlainSpringWebFluxTests {

    @RegisterExtension
    static final DiscountCardSimulatorExtension extension = new DiscountCardSimulatorExtension();

    static final TestMerchant merchant = TestMerchant.generate();

    @AfterEach
    void noLatency() {
        extension.simulator().setLatency(Duration.ZERO);
    }

    @Configuration(proxyBeanMethods = false)
    static class WechatPayConfiguration {

        @Bean
        DiscountCardClient discountCardClient(@Value("${wechatpay.base-url}") String baseUrl,
                @Value("${wechatpay.public-key-id}") String publicKeyId, DiscountCardSimulator simulator) {
            VerificationKeys keys = new VerificationKeys(
                    List.of(VerificationKey.publicKey(publicKeyId, simulator.platformPublicKey(), null)));
            return WebClientDiscountCardClient.builder()
                .baseUrl(baseUrl)
                .signer(merchant.signer())
                .verifier(new ResponseVerifier(keys))
                .responseTimeout(Duration.ofMillis(300))
                .build();
        }
    }

    AnnotationConfigApplicationContext context(DiscountCardSimulator simulator) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource(
                "test", java.util.Map.of("wechatpay.base-url", simulator.baseUrl(), "wechatpay.public-key-id",
                        simulator.platformPublicKeyId())));
        context.registerBean(DiscountCardSimulator.class, () -> simulator);
        context.register(WechatPayConfiguration.class);
        context.refresh();
        return context;
    }

    @Test
    void aPlainSpringContextGetsAWorkingClientWithTheStartersConnectorDefaults() {
        DiscountCardSimulator simulator = extension.simulator().registerMerchant(merchant);
        simulator.createOrder("PLAIN-1");
        assertThat(classPresent("org.springframework.boot.SpringApplication")).isFalse();
        try (AnnotationConfigApplicationContext context = context(simulator)) {
            DiscountCardClient client = context.getBean(DiscountCardClient.class);
            DiscountCardOrder order = client.getOrder("PLAIN-1").block();
            assertThat(order.outOrderNo()).isEqualTo("PLAIN-1");
            ReceivedRequest request = simulator.lastRequest().orElseThrow();
            assertThat(request.status()).isEqualTo(200);
            // no compression asked for: verification runs over the bytes WeChat Pay signed
            assertThat(request.header("Accept-Encoding")).isEmpty();

            // the connector's per-attempt response timeout applies
            simulator.setLatency(Duration.ofSeconds(2));
            assertThatThrownBy(() -> client.getOrder("PLAIN-1").block(Duration.ofSeconds(10)))
                .isInstanceOf(WechatPayTimeoutException.class);
        }
    }

    static boolean classPresent(String name) {
        try {
            Class.forName(name, false, PlainSpringWebFluxTests.class.getClassLoader());
            return true;
        }
        catch (ClassNotFoundException ex) {
            return false;
        }
    }
}
