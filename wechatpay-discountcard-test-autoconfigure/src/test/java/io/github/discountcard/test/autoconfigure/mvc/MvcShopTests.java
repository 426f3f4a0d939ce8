package io.github.discountcard.test.autoconfigure.mvc;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.github.discountcard.test.CardTemplate;
import io.github.discountcard.test.Fault;
import io.github.discountcard.test.NotificationAttempt;
import io.github.discountcard.test.NotificationDelivery;
import io.github.discountcard.test.NotificationFault;
import io.github.discountcard.test.ReceivedRequest;
import io.github.discountcard.test.autoconfigure.AutoConfigureDiscountCardSimulator;
import io.github.discountcard.test.autoconfigure.SimulatedWechatPay;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kit with a Spring MVC service: the servlet notification endpoint, the blocking client, the application's
 * production notify_url, no wechatpay.* property.
 */
@SpringBootTest(classes = MvcShopApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "shop.card-template-id=SHOP-TEMPLATE", "shop.appid=wxd678efh567hg6787",
        "shop.notify-url=https://shop.example.com/wechatpay/discount-card/notifications" })
@AutoConfigureDiscountCardSimulator
class MvcShopTests {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    SimulatedWechatPay wechatPay;

    @Autowired
    ShopNotifications notifications;

    @LocalServerPort
    int port;

    @BeforeEach
    void shop() {
        this.wechatPay.registerCardTemplate(CardTemplate.sample("SHOP-TEMPLATE"));
        this.notifications.clear();
    }

    @Test
    void cardLifeThroughTheBlockingClientAndTheServletEndpoint() {
        assertThat(post("/cards/MVC-1").getStatusCode().value()).isEqualTo(200);

        NotificationDelivery accepted = this.wechatPay.claimCard("MVC-1");
        assertThat(accepted.acknowledged()).isTrue();
        assertThat(accepted.url().getPath()).isEqualTo("/wechatpay/discount-card/notifications");
        assertThat(accepted.url().getPort()).isEqualTo(this.port);

        assertThat(post("/cards/MVC-1/visits/1").getStatusCode().value()).isEqualTo(204);
        assertThat(post("/cards/MVC-1/visits/1").getStatusCode().value()).isEqualTo(204);
        assertThat(this.wechatPay.completionSerialNumbers("MVC-1")).containsExactly("C-1");
        assertThat(this.wechatPay.usageSerialNumbers("MVC-1")).containsExactly("U-1");

        assertThat(this.wechatPay.endCardUnfinished("MVC-1", "EARLY_QUIT").acknowledged()).isTrue();
        assertThat(this.wechatPay.payCardChargeBack("MVC-1").acknowledged()).isTrue();
        assertThat(get("/cards/MVC-1").getBody()).containsEntry("state", "UNFINISHED");
        assertThat(this.notifications.handled()).containsExactly("USER_ACCEPTED MVC-1", "AGREEMENT_ENDED MVC-1",
                "USER_PAID MVC-1");
    }

    @Test
    void aFailingHandlerIsRetriedAndHandledOnceItSucceeds() {
        post("/cards/MVC-2");
        this.notifications.failNext(2);

        NotificationDelivery accepted = this.wechatPay.claimCard("MVC-2");

        assertThat(accepted.acknowledged()).isTrue();
        assertThat(accepted.attempts()).extracting(NotificationAttempt::acknowledged).containsExactly(false, false,
                true);
        assertThat(this.notifications.handled()).containsExactly("USER_ACCEPTED MVC-2");
    }

    @Test
    void probeAndDuplicateNotificationsNeverReachTheHandlerTwice() {
        post("/cards/MVC-3");
        this.wechatPay.failNextNotifications(NotificationFault.PROBE_SIGNATURE, 1);
        NotificationDelivery probe = this.wechatPay.simulator().notifications()
            .cardEvent(this.wechatPay.mchId(), "DISCOUNT_CARD.USER_ACCEPTED", "MVC-3", "oProbe")
            .deliverTo(shopEndpoint());
        assertThat(probe.awaitSettled(Duration.ofSeconds(10)).acknowledged()).isFalse();
        assertThat(probe.attempts()).hasSize(1);

        this.wechatPay.failNextNotifications(NotificationFault.DUPLICATE, 1);
        NotificationDelivery accepted = this.wechatPay.claimCard("MVC-3");

        assertThat(accepted.attempts()).hasSize(2).allMatch(NotificationAttempt::acknowledged);
        assertThat(this.notifications.handled()).containsExactly("USER_ACCEPTED MVC-3");
    }

    @Test
    void wechatPayErrorsAreTheShopsOwnHttpAnswers() {
        ResponseEntity<Map<String, Object>> unknown = get("/cards/NO-SUCH-CARD");
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getBody()).containsEntry("code", "RESOURCE_NOT_EXISTS");

        post("/cards/MVC-4");
        this.wechatPay.claimCard("MVC-4");
        this.wechatPay.failNextCalls(Fault.SERVER_ERROR, 1);
        assertThat(get("/cards/MVC-4").getBody()).containsEntry("state", "ONGOING");
        // the client retried the 500; the shop's caller saw only the answer
        assertThat(this.wechatPay.simulator().requests())
            .filteredOn((request) -> request.rawPath().equals("/v3/discount-card/cards/MVC-4"))
            .extracting(ReceivedRequest::status)
            .containsExactly(500, 200);
    }

    @Test
    void ordersFamilyNotificationsReachTheSameEndpoint() {
        this.wechatPay.createOrder("MVC-ORDER-1");
        assertThat(get("/orders/MVC-ORDER-1").getBody()).containsEntry("out_order_no", "MVC-ORDER-1");

        assertThat(this.wechatPay.sendGetCard("MVC-ORDER-1").acknowledged()).isTrue();
        assertThat(this.wechatPay.sendSettlement("MVC-ORDER-1").acknowledged()).isTrue();
        assertThat(this.notifications.handled()).containsExactly("GET_CARD MVC-ORDER-1", "SETTLEMENT MVC-ORDER-1");
    }

    private URI shopEndpoint() {
        return URI.create("http://127.0.0.1:" + this.port + "/wechatpay/discount-card/notifications");
    }

    private RestClient http() {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + this.port)
            .defaultStatusHandler((status) -> true, (request, response) -> {
            })
            .build();
    }

    private ResponseEntity<Map<String, Object>> post(String path) {
        return http().post().uri(path).retrieve().toEntity(JSON);
    }

    private ResponseEntity<Map<String, Object>> get(String path) {
        return http().get().uri(path).retrieve().toEntity(JSON);
    }
}
