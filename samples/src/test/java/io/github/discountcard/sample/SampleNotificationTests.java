package io.github.discountcard.sample;

import java.time.Duration;
import java.util.List;

import io.github.discountcard.client.DiscountCardClient;
import io.github.discountcard.client.model.PrepareCardRequest;
import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.NotificationPayloads;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample's notification endpoint, inbox and demo end call, with the simulator delivering over HTTP. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleNotificationTests {

    @LocalServerPort
    int port;

    @Autowired
    DiscountCardSimulator simulator;

    @Autowired
    NotificationInbox inbox;

    @Autowired
    Environment environment;

    @Autowired
    DiscountCardClient client;

    WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
    }

    @Test
    void walkthroughNotificationsAreListedWithOpenidsMasked() {
        http().get().uri("/notifications").exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$[?(@.event == 'USER_ACCEPTED')].resource.out_card_code")
            .value((codes) -> assertThat(codes.toString()).contains(NotificationWalkthrough.DEMO_CARD))
            .jsonPath("$[?(@.event == 'AGREEMENT_ENDED')].resource.out_card_code")
            .value((codes) -> assertThat(codes.toString()).contains(NotificationWalkthrough.DEMO_CARD))
            .jsonPath("$[?(@.event == 'GET_CARD')].resource.out_order_no")
            .value((orders) -> assertThat(orders.toString()).contains(DemoSimulatorInitializer.DEMO_ORDER))
            .jsonPath("$[*].resource.openid").value((openids) -> assertThat(openids.toString())
                .doesNotContain(this.simulator.card(NotificationWalkthrough.DEMO_CARD).orElseThrow().openid())
                .contains("******"));
    }

    @Test
    void demoEndDeliversAgreementEnded() {
        String code = "SAMPLE-END-" + (System.nanoTime() % 1_000_000);
        this.client.prepareCard(PrepareCardRequest.builder().outCardCode(code)
            .cardTemplateId(DemoSimulatorInitializer.DEMO_CARD_TEMPLATE).appid(DemoSimulatorInitializer.DEMO_APPID)
            .notifyUrl(DemoNotificationController.notifyUrl(this.environment).toString()).build()).block();
        this.simulator.claimCard(code);

        http().post().uri("/demo/cards/{code}/end", code).exchange()
            .expectStatus().isAccepted()
            .expectBody()
            .jsonPath("$.state").isEqualTo("UNFINISHED")
            .jsonPath("$.delivered").isEqualTo(true)
            .jsonPath("$.reply_status").isEqualTo(204)
            .jsonPath("$.event_type").isEqualTo(NotificationPayloads.AGREEMENT_ENDED);
        http().post().uri("/demo/cards/{code}/end", code).exchange().expectStatus().isEqualTo(409);
        http().post().uri("/demo/cards/{code}/end", "NO-SUCH-CARD").exchange().expectStatus().isNotFound();

        assertThat(this.inbox.entries()).filteredOn((entry) -> entry.resource().path("out_card_code").asString()
            .equals(code)).extracting(NotificationInbox.Entry::event)
            .contains("USER_ACCEPTED", "AGREEMENT_ENDED");
    }

    @Test
    void allFiveEventsAreHandled() {
        String mchId = this.environment.getProperty("wechatpay.mch-id");
        var url = DemoNotificationController.notifyUrl(this.environment);
        for (String event : List.of(NotificationPayloads.USER_ACCEPTED, NotificationPayloads.AGREEMENT_ENDED,
                NotificationPayloads.USER_PAID)) {
            assertThat(this.simulator.notifications().cardEvent(mchId, event, "SAMPLE-ALL-1", "oUserSample0001")
                .deliverTo(url).awaitSettled(Duration.ofSeconds(30)).acknowledged()).isTrue();
        }
        for (String event : List.of(NotificationPayloads.GET_CARD, NotificationPayloads.SETTLEMENT)) {
            this.simulator.notifications().orderEvent(mchId, event, DemoSimulatorInitializer.DEMO_ORDER)
                .forEach((delivery) -> assertThat(delivery.awaitSettled(Duration.ofSeconds(30)).acknowledged()).isTrue());
        }
        assertThat(this.inbox.entries().subList(0, 5)).extracting(NotificationInbox.Entry::event)
            .containsExactly("SETTLEMENT", "GET_CARD", "USER_PAID", "AGREEMENT_ENDED", "USER_ACCEPTED");
    }
}
