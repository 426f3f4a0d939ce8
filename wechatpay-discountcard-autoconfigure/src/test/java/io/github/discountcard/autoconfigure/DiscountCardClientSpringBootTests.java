package io.github.discountcard.autoconfigure;

import io.github.discountcard.client.DiscountCardClient;
import io.github.discountcard.client.WechatPaySignatureException;
import io.github.discountcard.client.model.DiscountCardOrder;
import io.github.discountcard.core.VerificationFailure;
import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.Fault;
import io.github.discountcard.test.PemWriter;
import io.github.discountcard.test.TestMerchant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A full Boot application, configured only through properties, calls the simulator through the injected bean. */
@SpringBootTest
class DiscountCardClientSpringBootTests {

    static final TestMerchant merchant = TestMerchant.generate();

    static final DiscountCardSimulator simulator = DiscountCardSimulator.builder().build().start()
        .registerMerchant(merchant);

    @DynamicPropertySource
    static void wechatpay(DynamicPropertyRegistry registry) {
        registry.add("wechatpay.mch-id", merchant::mchId);
        registry.add("wechatpay.merchant-serial-number", merchant::serialNumber);
        registry.add("wechatpay.private-key", merchant::privateKeyPem);
        registry.add("wechatpay.public-key", () -> PemWriter.publicKey(simulator.platformPublicKey()));
        registry.add("wechatpay.public-key-id", simulator::platformPublicKeyId);
        registry.add("wechatpay.base-url", simulator::baseUrl);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Autowired
    DiscountCardClient client;

    @Test
    void injectedClientTalksToTheServer() {
        simulator.createOrder("BOOT-1");
        DiscountCardOrder order = this.client.getOrder("BOOT-1").block();
        assertThat(order.outOrderNo()).isEqualTo("BOOT-1");
        assertThat(simulator.lastRequest().orElseThrow().status()).isEqualTo(200);
    }

    @Test
    void injectedClientVerifiesResponses() {
        simulator.createOrder("BOOT-2");
        simulator.failNext(Fault.PROBE_SIGNATURE, 1);
        assertThatThrownBy(() -> this.client.getOrder("BOOT-2").block())
            .isInstanceOfSatisfying(WechatPaySignatureException.class,
                    (ex) -> assertThat(ex.reason()).isEqualTo(VerificationFailure.SIGNATURE_PROBE));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {

    }
}
