package io.github.discountcard.sample;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.NotificationDelivery;
import io.github.discountcard.test.SimulatedCard;
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
 * /demo/cards/{out_card_code}/end} ends a claimed card's agreement, and the simulator delivers AGREEMENT_ENDED to
 * the card's {@code notify_url}, this application's notification endpoint; {@code GET /notifications} then shows it.
 * Against the real API WeChat ends agreements itself.
 */
@RestController
@ConditionalOnBooleanProperty(DemoSimulatorInitializer.DEMO_MODE_PROPERTY)
class DemoNotificationController {

    private final DiscountCardSimulator simulator;

    private final Environment environment;

    DemoNotificationController(DiscountCardSimulator simulator, Environment environment) {
        this.simulator = simulator;
        this.environment = environment;
    }

    /**
     * Ends the claimed card's agreement unfinished (the user quit early); the simulator then delivers
     * AGREEMENT_ENDED to the card's {@code notify_url}. Answers once that delivery is done.
     */
    @PostMapping("/demo/cards/{outCardCode}/end")
    Mono<ResponseEntity<Map<String, Object>>> end(@PathVariable String outCardCode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("out_card_code", outCardCode);
        SimulatedCard card = this.simulator.card(outCardCode).orElse(null);
        if (card == null) {
            body.put("code", "NOT_CLAIMED");
            body.put("message", "No claimed card has this out_card_code: POST /cards, then /demo/cards/{code}/claim");
            return Mono.just(ResponseEntity.status(HttpStatus.NOT_FOUND).body(body));
        }
        if (!card.state().equals("ONGOING") && !card.state().equals("SETTLING")) {
            body.put("code", "ALREADY_ENDED");
            body.put("message", "The card's agreement has ended already: " + card.state());
            return Mono.just(ResponseEntity.status(HttpStatus.CONFLICT).body(body));
        }
        int before = this.simulator.notifications().deliveries().size();
        SimulatedCard ended = this.simulator.endCardUnfinished(outCardCode, "EARLY_QUIT");
        body.put("state", ended.state());
        body.put("unfinished_reason", ended.unfinishedReason());
        List<NotificationDelivery> sent = this.simulator.notifications().deliveries();
        NotificationDelivery delivery = (sent.size() > before) ? sent.get(sent.size() - 1) : null;
        if (delivery == null) {
            body.put("delivered", false);
            return Mono.just(ResponseEntity.status(HttpStatus.ACCEPTED).body(body));
        }
        return Mono.fromFuture(delivery.settled()).map((settled) -> {
            body.put("notification_id", settled.id());
            body.put("event_type", settled.eventType());
            body.put("delivered", settled.acknowledged());
            body.put("reply_status", settled.lastAttempt().status());
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
        });
    }

    /** This application's own notification endpoint, where the simulator delivers in demo mode. */
    static URI notifyUrl(Environment environment) {
        return URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port", "8080")
                + environment.getProperty("wechatpay.notifications.path", "/wechatpay/discount-card/notifications"));
    }
}
