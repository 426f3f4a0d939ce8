package io.github.discountcard.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.discountcard.client.DiscountCardClient;
import io.github.discountcard.client.model.PrepareCardRequest;
import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.NotificationPayloads;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * In demo mode only, after the other walkthroughs: the notifications a merchant receives. The simulated user
 * claims card {@value #DEMO_CARD} (USER_ACCEPTED arrives), the sample calls its own
 * {@code POST /demo/cards/{out_card_code}/end} (AGREEMENT_ENDED arrives), and the orders family's GET_CARD arrives
 * for the demo order; {@code GET /notifications} then lists them, openids masked.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
@ConditionalOnBooleanProperty(DemoSimulatorInitializer.DEMO_MODE_PROPERTY)
class NotificationWalkthrough implements ApplicationRunner {

    /** The card whose notifications the walkthrough shows. */
    static final String DEMO_CARD = "DEMO-CARD-0002";

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final Log logger = LogFactory.getLog(NotificationWalkthrough.class);

    private final DiscountCardSimulator simulator;

    private final DiscountCardClient client;

    private final NotificationInbox inbox;

    private final Environment environment;

    NotificationWalkthrough(DiscountCardSimulator simulator, DiscountCardClient client, NotificationInbox inbox,
            Environment environment) {
        this.simulator = simulator;
        this.client = client;
        this.inbox = inbox;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (args.containsOption("skip-walkthrough") || this.simulator.card(DEMO_CARD).isPresent()) {
            return;
        }
        String mchId = Objects.requireNonNull(this.environment.getProperty("wechatpay.mch-id"), "wechatpay.mch-id");
        String base = "http://127.0.0.1:" + this.environment.getProperty("local.server.port", "8080");
        // a card of its own (the card walkthrough's stays ONGOING): prepared with this endpoint as notify_url
        this.client.prepareCard(PrepareCardRequest.builder().outCardCode(DEMO_CARD)
            .cardTemplateId(Objects.requireNonNull(this.environment.getProperty("sample.cards.card-template-id")))
            .appid(Objects.requireNonNull(this.environment.getProperty("sample.cards.appid")))
            .notifyUrl(DemoNotificationController.notifyUrl(this.environment).toString())
            .build()).block(WAIT);
        this.simulator.claimCard(DEMO_CARD);
        awaitDeliveries();
        logger.info("Notification walkthrough 1. the user claimed " + DEMO_CARD + ": " + newest());
        Map<?, ?> ended = WebClient.create(base).post().uri("/demo/cards/{code}/end", DEMO_CARD)
            .retrieve()
            .bodyToMono(Map.class)
            .block(WAIT);
        logger.info("Notification walkthrough 2. POST /demo/cards/" + DEMO_CARD + "/end answered " + ended + ": "
                + newest());
        this.simulator.notifications().registerNotifyUrl(mchId, DemoNotificationController.notifyUrl(this.environment));
        this.simulator.notifications()
            .orderEvent(mchId, NotificationPayloads.GET_CARD, DemoSimulatorInitializer.DEMO_ORDER)
            .forEach((delivery) -> delivery.awaitSettled(WAIT));
        logger.info("Notification walkthrough 3. the orders family's GET_CARD: " + newest());
        logger.info("Notification walkthrough done. Try: curl -s " + base + "/notifications");
    }

    private void awaitDeliveries() {
        this.simulator.notifications().deliveries().forEach((delivery) -> delivery.awaitSettled(WAIT));
    }

    private String newest() {
        List<NotificationInbox.Entry> entries = this.inbox.entries();
        return entries.isEmpty() ? "(none received)" : entries.get(0).eventType() + " " + entries.get(0).id();
    }
}
