package io.github.discountcard.sample;

import java.time.Duration;
import java.util.List;

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

    WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
    }

    @Test
    void walkthroughNotificationsAreListedWithOpenidsMasked() {
        http().get().uri("/notifications").exchange()
            .expectStatus().isOk()
            .expectBody()
            // other tests' claims notify too (the simulator notifies every claim's notify_url)
            .jsonPath("$[?(@.event == 'USER_ACCEPTED')].resource.out_card_code")
            .value((codes) -> assertThat((List<?>) codes).filteredOn(NotificationWalkthrough.DEMO_CARD::equals)
                .hasSize(1))
            .jsonPath("$[?(@.event == 'AGREEMENT_ENDED')].resource.state").isEqualTo(List.of("UNFINISHED"))
            .jsonPath("$[?(@.event == 'GET_CARD')].resource.out_order_no")
            .isEqualTo(List.of(DemoSimulatorInitializer.DEMO_ORDER))
            .jsonPath("$[*].resource.openid").value((openids) -> assertThat(openids.toString())
                .doesNotContain(DemoNotificationController.DEMO_OPENID).contains("******"));
    }

    @Test
    void demoEndDeliversAgreementEnded() {
        http().post().uri("/demo/cards/{code}/end", "SAMPLE-END-1").exchange()
            .expectStatus().isAccepted()
            .expectBody()
            .jsonPath("$.delivered").isEqualTo(true)
            .jsonPath("$.reply_status").isEqualTo(204)
            .jsonPath("$.event_type").isEqualTo(NotificationPayloads.AGREEMENT_ENDED);

        assertThat(this.inbox.entries().get(0).eventType()).isEqualTo(NotificationPayloads.AGREEMENT_ENDED);
        assertThat(this.inbox.entries().get(0).resource().get("out_card_code").asString()).isEqualTo("SAMPLE-END-1");
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
