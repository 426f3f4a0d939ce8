package io.github.discountcard.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimulatorExtensionTest {

    @RegisterExtension
    static final DiscountCardSimulatorExtension wechatPay = new DiscountCardSimulatorExtension(
            DiscountCardSimulator.builder().mode(SigningMode.MIXED));

    static final TestMerchant MERCHANT = TestMerchant.generate("1900000109");

    static int port;

    @BeforeAll
    static void setUp(DiscountCardSimulator simulator) {
        assertThat(simulator).isSameAs(wechatPay.simulator());
        assertThat(simulator.isRunning()).isTrue();
        assertThat(simulator.mode()).isEqualTo(SigningMode.MIXED);
        port = simulator.port();
        simulator.registerMerchant(MERCHANT);
        simulator.createOrder("extension-order");
    }

    @AfterAll
    static void runsUntilAfterAll() {
        assertThat(wechatPay.simulator().isRunning()).isTrue();
    }

    @Test
    @Order(1)
    void leavesFaultsAndRequestsBehind(DiscountCardSimulator simulator) throws IOException {
        simulator.setFault(Fault.SERVER_ERROR);
        assertThat(new SignedClient(simulator, MERCHANT).get("/v3/discount-card/orders/extension-order").status())
            .isEqualTo(500);
        assertThat(simulator.requestCount()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void startsEachTestReset(DiscountCardSimulator simulator) throws IOException {
        assertThat(simulator.requests()).isEmpty();
        assertThat(simulator.port()).isEqualTo(port);
        assertThat(simulator.order("extension-order")).isPresent(); // orders survive the reset
        assertThat(new SignedClient(simulator, MERCHANT).get("/v3/discount-card/orders/extension-order").status())
            .isEqualTo(200);
    }

    @Nested
    class NestedTests {

        @Test
        void shareTheOuterSimulator(DiscountCardSimulator simulator) {
            assertThat(simulator.port()).isEqualTo(port);
            assertThat(simulator.requests()).isEmpty();
        }
    }
}
