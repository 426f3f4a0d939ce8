package io.github.discountcard.sample;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.NotificationAttempt;
import io.github.discountcard.test.NotificationPayloads;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Demo mode only: WeChat's side of a card's end, on the in-process simulator. {@code POST
 * /demo/cards/{out_card_code}/end} ends the card's agreement, and the simulator delivers AGREEMENT_ENDED to this
 * application's notification endpoint; {@code GET /notifications} then shows it. Against the real API WeChat ends
 * agreements itself.
 */
@RestController
@ConditionalOnBooleanProperty(DemoSimulatorInitializer.DEMO_MODE_PROPERTY)
class DemoNotificationController {

    /** The simulated user of the demo. */
    static final String DEMO_OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";

    private final DiscountCardSimulator simulator;

    private final Environment environment;

    DemoNotificationController(DiscountCardSimulator simulator, Environment environment) {
        this.simulator = simulator;
        this.environment = environment;
    }

    /** Ends the card's agreement (unfinished, the user quit early); answers once the notification was delivered. */
    @PostMapping("/demo/cards/{outCardCode}/end")
    Mono<ResponseEntity<Map<String, Object>>> end(@PathVariable String outCardCode) {
        String mchId = Objects.requireNonNull(this.environment.getProperty("wechatpay.mch-id"), "wechatpay.mch-id");
        var delivery = this.simulator.notifications()
            .cardEvent(mchId, NotificationPayloads.AGREEMENT_ENDED, outCardCode, DEMO_OPENID)
            .deliverTo(notifyUrl(this.environment));
        return Mono.fromFuture(delivery.settled()).map((settled) -> {
            NotificationAttempt attempt = settled.lastAttempt();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("out_card_code", outCardCode);
            body.put("notification_id", settled.id());
            body.put("event_type", settled.eventType());
            body.put("delivered", settled.acknowledged());
            body.put("reply_status", attempt.status());
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
        });
    }

    /** This application's own notification endpoint, where the simulator delivers in demo mode. */
    static URI notifyUrl(Environment environment) {
        return URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port", "8080")
                + environment.getProperty("wechatpay.notifications.path", "/wechatpay/discount-card/notifications"));
    }
}
