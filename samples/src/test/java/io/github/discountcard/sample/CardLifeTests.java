package io.github.discountcard.sample;

import io.github.discountcard.test.CardTemplate;
import io.github.discountcard.test.autoconfigure.AutoConfigureDiscountCardSimulator;
import io.github.discountcard.test.autoconfigure.SimulatedWechatPay;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

// the application as it is: its controllers, client and notification handler, its production notify_url
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "sample.cards.card-template-id=TEMPLATE-1", "sample.cards.appid=wxd678efh567hg6787",
        "sample.cards.notify-url=https://shop.example.com/wechatpay/discount-card/notifications" })
@AutoConfigureDiscountCardSimulator
class CardLifeTests {

    @Autowired
    SimulatedWechatPay wechatPay;

    @Autowired
    NotificationInbox inbox;   // the application's own notification handler

    @LocalServerPort
    int port;

    @Test
    void aCardsWholeLife() {
        WebTestClient app = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
        this.wechatPay.registerCardTemplate(CardTemplate.sample("TEMPLATE-1"));
        app.post().uri("/cards").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"out_card_code\":\"CARD-1\"}")
            .exchange().expectStatus().isOk();
        this.wechatPay.claimCard("CARD-1");   // USER_ACCEPTED reaches the app's endpoint
        app.post().uri("/cards/CARD-1/records").contentType(MediaType.APPLICATION_JSON).bodyValue(VISIT)
            .exchange().expectStatus().isNoContent();
        this.wechatPay.endCardUnfinished("CARD-1", "EARLY_QUIT");   // AGREEMENT_ENDED
        this.wechatPay.payCardChargeBack("CARD-1");                 // USER_PAID

        assertThat(this.inbox.entries()).filteredOn((entry) -> entry.resource().path("out_card_code").asString()
            .equals("CARD-1")).extracting(NotificationInbox.Entry::event)
            .containsExactlyInAnyOrder("USER_ACCEPTED", "AGREEMENT_ENDED", "USER_PAID");
        assertThat(this.wechatPay.completionSerialNumbers("CARD-1")).containsExactly("C-1");
        assertThat(this.wechatPay.usageSerialNumbers("CARD-1")).containsExactly("U-1");
    }

    // one completion and one usage, as the shop's front end reports a visit
    static final String VISIT = """
            {"objective_completion_records": [{"objective_completion_serial_no": "C-1", "objective_id": "OBJ-1",
              "completion_time": "2026-05-20T13:29:35.120+08:00", "completion_type": "INCREASE",
              "description": "到店消费", "completion_count": 1}],
             "reward_usage_records": [{"reward_usage_serial_no": "U-1", "reward_id": "RWD-1",
              "usage_time": "2026-05-20T13:29:35.120+08:00", "usage_type": "INCREASE",
              "description": "消费立减", "usage_count": 1, "amount": 500}]}
            """;
}
