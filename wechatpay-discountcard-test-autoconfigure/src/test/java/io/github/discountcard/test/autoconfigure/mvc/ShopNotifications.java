package io.github.discountcard.test.autoconfigure.mvc;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.discountcard.notification.BlockingDiscountCardNotificationHandler;
import io.github.discountcard.notification.DiscountCardNotification;

import org.springframework.stereotype.Component;

/**
 * The shop's notification handler (blocking, as MVC code is): keeps what it handled, as "EVENT out_card_code" (or
 * out_order_no). The tests can make it fail the next few times, as a database outage would.
 */
@Component
class ShopNotifications implements BlockingDiscountCardNotificationHandler {

    private final List<String> handled = new CopyOnWriteArrayList<>();

    private final AtomicInteger failuresLeft = new AtomicInteger();

    @Override
    public void handle(DiscountCardNotification notification) {
        if (this.failuresLeft.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
            throw new IllegalStateException("the shop's database is down");
        }
        String subject = notification.cardPayload().map((card) -> card.outCardCode())
            .or(() -> notification.orderPayload().map((order) -> order.outOrderNo()))
            .orElse("?");
        this.handled.add(notification.event().map(Enum::name).orElse(notification.eventType()) + " " + subject);
    }

    void failNext(int times) {
        this.failuresLeft.set(times);
    }

    List<String> handled() {
        return List.copyOf(this.handled);
    }

    void clear() {
        this.handled.clear();
        this.failuresLeft.set(0);
    }
}
