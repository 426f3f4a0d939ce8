package io.github.discountcard.notification;

import java.util.Objects;
import java.util.function.Function;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Handles verified, decrypted discount card notifications. Declare one or more as Spring beans: the starter then
 * serves the notification endpoint (WebFlux or Spring MVC) and calls, in bean order, every handler that
 * {@link #supports(String) supports} the event type.
 * <p>
 * The reply to WeChat Pay follows the returned {@link Mono}: success only after it completes; an error, or a
 * {@code Mono} still running when the reply budget runs out, sends a failure so WeChat Pay delivers again later.
 * A notification id that was handled successfully is never handed to the handlers again.
 *
 * <pre>{@code
 * @Bean
 * DiscountCardNotificationHandler claims(CardService cards) {
 *     return DiscountCardNotificationHandler.on(DiscountCardEvent.USER_ACCEPTED,
 *             (notification) -> cards.activate(notification.cardPayload().orElseThrow()));
 * }
 * }</pre>
 *
 * Spring MVC applications whose work blocks use {@link BlockingDiscountCardNotificationHandler} (or
 * {@link #blocking(BlockingDiscountCardNotificationHandler)}), which runs on a thread allowed to block.
 */
@FunctionalInterface
public interface DiscountCardNotificationHandler {

    /**
     * Handles one notification; the returned {@code Mono} completes when the work is done (and durable).
     * @param notification verified and decrypted
     * @return completes when handled, errors when WeChat Pay should deliver again
     */
    Mono<Void> handle(DiscountCardNotification notification);

    /**
     * Whether this handler takes notifications of the given event type (the raw {@code event_type}); all by default.
     * A notification that no handler takes is acknowledged and logged at WARN.
     */
    default boolean supports(String eventType) {
        return true;
    }

    /** A handler for one event type only, e.g. {@code on(DiscountCardEvent.USER_PAID, this::charged)}. */
    static DiscountCardNotificationHandler on(DiscountCardEvent event,
            Function<DiscountCardNotification, Mono<Void>> handler) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(handler, "handler");
        return new DiscountCardNotificationHandler() {

            @Override
            public Mono<Void> handle(DiscountCardNotification notification) {
                return handler.apply(notification);
            }

            @Override
            public boolean supports(String eventType) {
                return event.matches(eventType);
            }

            @Override
            public String toString() {
                return "DiscountCardNotificationHandler[" + event + "]";
            }
        };
    }

    /** Adapts a blocking handler: it runs on Reactor's bounded elastic scheduler, never on an event loop. */
    static DiscountCardNotificationHandler blocking(BlockingDiscountCardNotificationHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return new DiscountCardNotificationHandler() {

            @Override
            public Mono<Void> handle(DiscountCardNotification notification) {
                return Mono.<Void>fromCallable(() -> {
                    handler.handle(notification);
                    return null;
                }).subscribeOn(Schedulers.boundedElastic());
            }

            @Override
            public boolean supports(String eventType) {
                return handler.supports(eventType);
            }

            @Override
            public String toString() {
                return "DiscountCardNotificationHandler[blocking " + handler + "]";
            }
        };
    }
}
