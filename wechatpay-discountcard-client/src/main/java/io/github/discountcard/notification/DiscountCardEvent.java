package io.github.discountcard.notification;

import java.util.Locale;
import java.util.Optional;

/**
 * The discount card notification events this library types. Other event types still reach handlers, with their
 * raw {@link DiscountCardNotification#eventType()} and {@link DiscountCardNotification#resourceJson()}.
 */
public enum DiscountCardEvent {

    /** Cards family: the user claimed the card (carries the objective and reward ids to report against). */
    USER_ACCEPTED(Family.CARDS),

    /** Cards family: the agreement ended, finished or not. */
    AGREEMENT_ENDED(Family.CARDS),

    /** Cards family: the charge-back of an unfinished card changed ({@code PAYING} → {@code PAID}). */
    USER_PAID(Family.CARDS),

    /** Orders family: the user claimed the card and an order was created. */
    GET_CARD(Family.ORDERS),

    /** Orders family: the order was settled. */
    SETTLEMENT(Family.ORDERS);

    /** Which API family an event belongs to, and so which payload it carries. */
    public enum Family {
        /** {@code /v3/discount-card/cards}: {@link CardNotificationPayload}. */
        CARDS,
        /** {@code /v3/discount-card/orders}: {@link OrderNotificationPayload}. */
        ORDERS
    }

    private final Family family;

    DiscountCardEvent(Family family) {
        this.family = family;
    }

    public Family family() {
        return this.family;
    }

    /**
     * The event a raw {@code event_type} names. The exact spelling WeChat Pay sends is not documented everywhere,
     * so a namespace prefix ({@code DISCOUNT_CARD.USER_ACCEPTED}) and letter case are tolerated.
     */
    public static Optional<DiscountCardEvent> of(String eventType) {
        String name = eventType.trim();
        int dot = name.lastIndexOf('.');
        if (dot >= 0) {
            name = name.substring(dot + 1);
        }
        name = name.toUpperCase(Locale.ROOT);
        for (DiscountCardEvent event : values()) {
            if (event.name().equals(name)) {
                return Optional.of(event);
            }
        }
        return Optional.empty();
    }

    /** Whether the raw event type names this event. */
    public boolean matches(String eventType) {
        return of(eventType).orElse(null) == this;
    }
}
