package io.github.discountcard.sample;

import java.util.Map;

import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.SimulatedOrder;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample's endpoints end to end: HTTP in, the auto-configured client, the in-process simulator. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

    @LocalServerPort
    int port;

    @Autowired
    DiscountCardSimulator simulator;

    WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
    }

    @Test
    void walkthroughRanAtStartup() {
        SimulatedOrder order = this.simulator.order(DemoSimulatorInitializer.DEMO_ORDER).orElseThrow();
        assertThat(order.objectives()).anyMatch((o) -> o.objectiveSerialNo().equals("DEMO-OBJ-0001"));
        assertThat(order.rewards()).anyMatch((r) -> r.rewardSerialNo().equals("DEMO-RWD-0001"));
    }

    @Test
    void getOrder() {
        http().get().uri("/orders/{no}", DemoSimulatorInitializer.DEMO_ORDER).exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.out_order_no").isEqualTo(DemoSimulatorInitializer.DEMO_ORDER)
            .jsonPath("$.out_trade_no").isEqualTo(DemoSimulatorInitializer.DEMO_TRADE_NO)
            .jsonPath("$.state").isEqualTo("CREATED")
            .jsonPath("$.card_begin_time").isNotEmpty();
    }

    @Test
    void patchOrderTwiceWithTheSameSerialCountsOnce() {
        String outOrderNo = "SAMPLE-PATCH-1";
        this.simulator.createOrder(outOrderNo);
        String body = """
                {"rewards":[{"reward_serial_no":"578354","reward_id":123456,"description":"满减",
                  "reward_type":"INCREASE","count":1,"amount":100,"reward_time":"2015-05-20T13:29:35.120+08:00"}]}
                """;
        for (int attempt = 0; attempt < 2; attempt++) {
            http().patch().uri("/orders/{no}", outOrderNo).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.out_order_no").isEqualTo(outOrderNo).jsonPath("$.order_id").isNotEmpty();
        }
        http().get().uri("/orders/{no}", outOrderNo).exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.estimated_reward_amount").isEqualTo(100)
            .jsonPath("$.rewards.length()").isEqualTo(1)
            .jsonPath("$.rewards[0].reward_time").isEqualTo("2015-05-20T13:29:35.120+08:00");
    }

    @Test
    void unknownOrderIsNotFoundWithWechatPayCode() {
        http().get().uri("/orders/{no}", "NO-SUCH-ORDER").exchange()
            .expectStatus().isNotFound()
            .expectBody(Map.class)
            .value((body) -> {
                assertThat(body.get("code")).isEqualTo("RESOURCE_NOT_EXISTS");
                assertThat(body.get("request_id")).isNotNull();
            });
    }

    @Test
    void invalidUpdateIsRefusedBeforeWechatPay() {
        int before = this.simulator.requestCount();
        http().patch().uri("/orders/{no}", DemoSimulatorInitializer.DEMO_ORDER)
            .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"objectives\":[]}")
            .exchange()
            .expectStatus().isBadRequest()
            .expectBody().jsonPath("$.code").isEqualTo("INVALID_REQUEST");
        assertThat(this.simulator.requestCount()).isEqualTo(before);
    }
}
