package io.github.discountcard.sample;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.SimulatedCard;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Demo mode only: plays the user's part that happens in WeChat, on the in-process simulator. There is no such call
 * against the real API: there the user claims the card on WeChat's claim page.
 */
@RestController
@ConditionalOnBooleanProperty(DemoSimulatorInitializer.DEMO_MODE_PROPERTY)
class DemoCardController {

    private final DiscountCardSimulator simulator;

    DemoCardController(DiscountCardSimulator simulator) {
        this.simulator = simulator;
    }

    /** {@code POST /demo/cards/{out_card_code}/claim}: the simulated user claims a prepared card. */
    @PostMapping("/demo/cards/{outCardCode}/claim")
    ResponseEntity<Map<String, Object>> claim(@PathVariable String outCardCode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("out_card_code", outCardCode);
        if (this.simulator.card(outCardCode).isPresent()) {
            body.put("code", "ALREADY_CLAIMED");
            body.put("message", "The card was claimed already");
            return ResponseEntity.status(HttpStatus.CONFLICT).body(body);
        }
        if (this.simulator.preparedCard(outCardCode).isEmpty()) {
            body.put("code", "NOT_PREPARED");
            body.put("message", "No card with this out_card_code was prepared: POST /cards first");
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(body);
        }
        SimulatedCard card = this.simulator.claimCard(outCardCode);
        body.put("state", card.state());
        body.put("card_id", card.cardId());
        return ResponseEntity.ok(body);
    }
}
