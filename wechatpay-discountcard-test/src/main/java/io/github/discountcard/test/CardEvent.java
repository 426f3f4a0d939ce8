package io.github.discountcard.test;

import java.util.Objects;

/**
 * Something a simulated user or WeChat did to a card, the cause of a cards-family notification: listeners added with
 * {@link DiscountCardSimulator#onCardEvent(java.util.function.Consumer)} get one event per change, after it is
 * stored.
 *
 * @param eventType {@link #USER_ACCEPTED}, {@link #AGREEMENT_ENDED} or {@link #USER_PAID}
 * @param card the card after the change (its {@code notifyUrl} says where the notification goes)
 */
public record CardEvent(String eventType, SimulatedCard card) {

    /** The user claimed the card: it is {@code ONGOING}. */
    public static final String USER_ACCEPTED = "DISCOUNT_CARD.USER_ACCEPTED";

    /** The agreement ended: the card is {@code FINISHED} or {@code UNFINISHED}. */
    public static final String AGREEMENT_ENDED = "DISCOUNT_CARD.AGREEMENT_ENDED";

    /** The user paid the charge-back of an unfinished card: {@code pay_state} {@code PAID}. */
    public static final String USER_PAID = "DISCOUNT_CARD.USER_PAID";

    public CardEvent {
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(card, "card");
    }
}
