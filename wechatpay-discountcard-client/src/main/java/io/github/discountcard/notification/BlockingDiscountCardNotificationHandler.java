package io.github.discountcard.notification;

import java.util.Objects;

/**
 * A {@link DiscountCardNotificationHandler} for code that blocks (JDBC, a blocking client), typical of Spring MVC
 * applications. Beans of this type are picked up like reactive handlers; each call runs on a thread allowed to
 * block. Return normally when the work is done; throw to have WeChat Pay deliver again.
 * <p>
 * A blocking call cannot be interrupted: one still running when the reply budget runs out goes on while WeChat Pay
 * is told to deliver again, so the redelivery may meet the unfinished work. Finish well within the budget, or make
 * the work idempotent (by {@link DiscountCardNotification#id()}, say).
 */
@FunctionalInterface
public interface BlockingDiscountCardNotificationHandler {

    /**
     * Handles one notification; returns when the work is done.
     * @param notification verified and decrypted
     * @throws Exception to send a failure reply, so WeChat Pay delivers the notification again
     */
    void handle(DiscountCardNotification notification) throws Exception;

    /** Whether this handler takes notifications of the given (raw) event type; all by default. */
    default boolean supports(String eventType) {
        return true;
    }

    /** A blocking handler for one event type only. */
    static BlockingDiscountCardNotificationHandler on(DiscountCardEvent event,
            BlockingDiscountCardNotificationHandler handler) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(handler, "handler");
        return new BlockingDiscountCardNotificationHandler() {

            @Override
            public void handle(DiscountCardNotification notification) throws Exception {
                handler.handle(notification);
            }

            @Override
            public boolean supports(String eventType) {
                return event.matches(eventType);
            }

            @Override
            public String toString() {
                return "BlockingDiscountCardNotificationHandler[" + event + "]";
            }
        };
    }
}
