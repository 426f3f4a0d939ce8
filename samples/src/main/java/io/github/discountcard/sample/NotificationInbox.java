package io.github.discountcard.sample;

import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import io.github.discountcard.notification.CardNotificationPayload;
import io.github.discountcard.notification.DiscountCardEvent;
import io.github.discountcard.notification.DiscountCardNotification;
import io.github.discountcard.notification.DiscountCardNotificationHandler;
import io.github.discountcard.notification.OrderNotificationPayload;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The sample's notification handler: takes all five discount card events (and any other, by its raw JSON), says in
 * one log line what each means for the merchant, and keeps the last {@value #KEPT} (openids masked) for
 * {@code GET /notifications}. Being a {@link DiscountCardNotificationHandler} bean is what makes the starter serve
 * the notification endpoint. A real application would store the event durably before the {@code Mono} completes:
 * WeChat Pay gets its "received" only then.
 */
@Component
class NotificationInbox implements DiscountCardNotificationHandler {

    static final int KEPT = 20;

    private static final Log logger = LogFactory.getLog(NotificationInbox.class);

    private final JsonMapper json = JsonMapper.builder().build();

    private final Deque<Entry> last = new ArrayDeque<>();

    @Override
    public Mono<Void> handle(DiscountCardNotification notification) {
        return Mono.fromRunnable(() -> {
            logger.info("Notification " + notification.id() + " " + notification.eventType() + ": "
                    + meaning(notification));
            Entry entry = new Entry(notification.id(), notification.eventType(),
                    notification.event().map(Enum::name).orElse(null), notification.createTime(),
                    notification.summary(), this.json.readTree(notification.maskedResourceJson()));
            synchronized (this.last) {
                this.last.addFirst(entry);
                while (this.last.size() > KEPT) {
                    this.last.removeLast();
                }
            }
        });
    }

    /** The notifications kept, newest first. */
    List<Entry> entries() {
        synchronized (this.last) {
            return List.copyOf(this.last);
        }
    }

    private static String meaning(DiscountCardNotification notification) {
        DiscountCardEvent event = notification.event().orElse(null);
        CardNotificationPayload card = notification.cardPayload().orElse(null);
        OrderNotificationPayload order = notification.orderPayload().orElse(null);
        if (event == null) {
            return "an event type this sample does not know; kept as raw JSON";
        }
        if (card != null) {
            CardNotificationPayload.PayInformation pay = card.payInformation();
            return switch (event) {
                case USER_ACCEPTED -> "card " + card.outCardCode() + " claimed; report completions against objectives "
                        + card.objectives().stream().map(CardNotificationPayload.Objective::objectiveId).toList();
                case AGREEMENT_ENDED -> "card " + card.outCardCode() + " ended " + card.state()
                        + ((card.unfinishedReason() != null) ? " (" + card.unfinishedReason() + ")" : "");
                case USER_PAID -> "charge-back of card " + card.outCardCode() + " is "
                        + ((pay != null) ? pay.payState() + " (" + pay.payAmount() + " fen)" : "unknown");
                default -> "card " + card.outCardCode() + " " + card.state();
            };
        }
        if (order == null) {
            return "a payload this sample cannot read; kept as raw JSON";
        }
        return "order " + order.outOrderNo() + ((event == DiscountCardEvent.GET_CARD) ? " created by a claim"
                : " settled, " + order.state());
    }

    /** One kept notification as {@code GET /notifications} shows it. */
    record Entry(String id, String eventType, @Nullable String event, @Nullable OffsetDateTime createTime,
            @Nullable String summary, JsonNode resource) {
    }
}
