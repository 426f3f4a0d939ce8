package io.github.discountcard.client;

import java.time.Duration;

import io.github.discountcard.client.model.CardState;
import io.github.discountcard.client.model.DiscountCard;
import io.github.discountcard.client.model.PrepareCardRequest;
import io.github.discountcard.core.ResponseVerifier;
import io.github.discountcard.test.CardTemplate;
import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.DiscountCardSimulatorExtension;
import io.github.discountcard.test.Fault;
import io.github.discountcard.test.TestMerchant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The blocking view over real HTTP on loopback against the simulator. */
class BlockingDiscountCardClientTests {

    @RegisterExtension
    static final DiscountCardSimulatorExtension extension = new DiscountCardSimulatorExtension();

    static final TestMerchant merchant = TestMerchant.generate();

    static DiscountCardSimulator simulator;

    static BlockingDiscountCardClient blocking;

    @BeforeAll
    static void setUp() {
        simulator = extension.simulator();
        simulator.registerMerchant(merchant);
        simulator.registerCardTemplate(CardTemplate.sample("BLOCKING-TEMPLATE"));
        blocking = WebClientDiscountCardClient.builder()
            .retryPolicy(RetryPolicy.NONE)
            .baseUrl(simulator.baseUrl())
            .signer(merchant.signer())
            .verifier(new ResponseVerifier(simulator.verificationKeys()))
            .build()
            .blocking(Duration.ofSeconds(5));
    }

    @AfterEach
    void noLatency() {
        simulator.setLatency(Duration.ZERO);
    }

    @Test
    void cardsAndOrdersCallsAnswerValues() {
        String token = blocking.prepareCard(new PrepareCardRequest("BLOCKING-1", "BLOCKING-TEMPLATE",
                "wxd678efh567hg6787", "https://merchant.example.com/notify")).prepareCardToken();
        assertThat(token).isNotBlank();
        simulator.claimCard("BLOCKING-1");

        DiscountCard card = blocking.getCard("BLOCKING-1");
        assertThat(card.state()).isEqualTo(CardState.ONGOING);

        simulator.createOrder("BLOCKING-ORDER-1");
        assertThat(blocking.getOrder("BLOCKING-ORDER-1").outOrderNo()).isEqualTo("BLOCKING-ORDER-1");
        assertThat(blocking.getOrderByOutTradeNo(simulator.order("BLOCKING-ORDER-1").orElseThrow().outTradeNo())
            .outOrderNo()).isEqualTo("BLOCKING-ORDER-1");
    }

    @Test
    void wechatPayErrorsAreThrownAsTheyAre() {
        assertThatThrownBy(() -> blocking.getCard("NO-SUCH-CARD")).isInstanceOfSatisfying(
                WechatPayServiceException.class, (ex) -> assertThat(ex.code()).isEqualTo("RESOURCE_NOT_EXISTS"));
        simulator.failNext(Fault.BAD_SIGNATURE);
        simulator.createOrder("BLOCKING-ORDER-2");
        assertThatThrownBy(() -> blocking.getOrder("BLOCKING-ORDER-2")).isInstanceOf(WechatPaySignatureException.class);
    }

    @Test
    void aCallLongerThanTheBlockingTimeoutIsCancelledWithATimeoutException() {
        simulator.createOrder("BLOCKING-ORDER-3");
        simulator.setLatency(Duration.ofSeconds(3));
        BlockingDiscountCardClient impatient = blocking.reactive().blocking(Duration.ofMillis(200));

        assertThatThrownBy(() -> impatient.getOrder("BLOCKING-ORDER-3")).isInstanceOf(WechatPayTimeoutException.class)
            .hasMessageContaining("get order").hasMessageContaining("PT0.2S");
    }

    @Test
    void theTimeoutMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> blocking.reactive().blocking(Duration.ZERO));
        assertThat(blocking.reactive().blocking().timeout()).isEqualTo(BlockingDiscountCardClient.DEFAULT_TIMEOUT);
    }
}
