package io.github.discountcard.sample.readme;

import io.github.discountcard.client.model.DiscountCardOrder;
import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.DiscountCardSimulatorExtension;
import io.github.discountcard.test.Fault;
import io.github.discountcard.test.PemWriter;
import io.github.discountcard.test.TestMerchant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
class CardProgressTests {

    @RegisterExtension
    static final DiscountCardSimulatorExtension wechatpay = new DiscountCardSimulatorExtension();

    // the merchant the application signs as: the simulator knows its public key
    static final TestMerchant merchant = TestMerchant.generate();

    @DynamicPropertySource
    static void wechatpayProperties(DynamicPropertyRegistry registry) {
        DiscountCardSimulator simulator = wechatpay.simulator().registerMerchant(merchant);
        registry.add("wechatpay.base-url", simulator::baseUrl);
        registry.add("wechatpay.mch-id", merchant::mchId);
        registry.add("wechatpay.merchant-serial-number", merchant::serialNumber);
        registry.add("wechatpay.private-key", merchant::privateKeyPem);
        registry.add("wechatpay.api-v3-key", merchant::apiV3Key);   // decrypts notifications
        registry.add("wechatpay.public-key", () -> PemWriter.publicKey(simulator.platformPublicKey()));
        registry.add("wechatpay.public-key-id", simulator::platformPublicKeyId);
    }

    @Autowired
    CardProgress progress;

    @Test
    void aRetriedPurchaseCountsOnce() {
        DiscountCardSimulator simulator = wechatpay.simulator();
        simulator.createOrder("ORDER-1");
        simulator.failNext(Fault.CONNECTION_RESET_AFTER_APPLY, 1);   // or SERVER_ERROR, BAD_SIGNATURE, …

        progress.recordPurchase("ORDER-1", "PURCHASE-1").block();   // applied, connection lost, retried

        DiscountCardOrder order = progress.progress("ORDER-1").block();
        assertThat(order.objectives()).hasSize(1);
        assertThat(simulator.requestCount()).isEqualTo(3);          // PATCH, its retry, GET
    }
}
