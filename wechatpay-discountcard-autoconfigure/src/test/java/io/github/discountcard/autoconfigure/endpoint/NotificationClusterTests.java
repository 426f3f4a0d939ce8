package io.github.discountcard.autoconfigure.endpoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.discountcard.autoconfigure.endpoint.NotificationTestApp.RecordingHandler;
import io.github.discountcard.autoconfigure.endpoint.NotificationTestApp.Stack;
import io.github.discountcard.notification.CacheNotificationIdempotencyStore;
import io.github.discountcard.notification.NotificationIdempotencyStore;
import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.NotificationAttempt;
import io.github.discountcard.test.NotificationDelivery;
import io.github.discountcard.test.NotificationPayloads;
import io.github.discountcard.test.SignedNotification;
import io.github.discountcard.test.SimulatedNotifications;
import io.github.discountcard.test.TestMerchant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.cache.CacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of one application (a WebFlux and a Spring MVC one, on their own ports) that share a Spring
 * {@link CacheManager}, as a cluster shares Redis: each notification is handled once across both.
 */
class NotificationClusterTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final TestMerchant merchant = TestMerchant.generate();

    private static final CacheManager sharedCache = new ConcurrentMapCacheManager("wechatpay-notifications");

    private static DiscountCardSimulator simulator;

    private static ConfigurableApplicationContext first;

    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void start() {
        simulator = DiscountCardSimulator.builder().build().start();
        simulator.registerMerchant(merchant);
        List<String> properties = NotificationTestApp.properties(simulator, merchant);
        properties.add("wechatpay.notifications.idempotency.cache-name=wechatpay-notifications");
        first = NotificationTestApp.start(Stack.WEBFLUX, properties,
                (context) -> context.getBeanFactory().registerSingleton("cacheManager", sharedCache));
        second = NotificationTestApp.start(Stack.MVC, properties,
                (context) -> context.getBeanFactory().registerSingleton("cacheManager", sharedCache));
    }

    @AfterAll
    static void stop() {
        first.close();
        second.close();
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.reset();
        first.getBean(RecordingHandler.class).reset();
        second.getBean(RecordingHandler.class).reset();
    }

    private static int totalCalls() {
        return first.getBean(RecordingHandler.class).calls.get() + second.getBean(RecordingHandler.class).calls.get();
    }

    private static SimulatedNotifications.Outgoing cardEvent() {
        return simulator.notifications().cardEvent(merchant.mchId(), NotificationPayloads.USER_ACCEPTED,
                "CARD-" + System.nanoTime(), "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
    }

    @Test
    void bothInstancesUseTheSharedCache() {
        assertThat(first.getBean(NotificationIdempotencyStore.class)).isInstanceOf(CacheNotificationIdempotencyStore.class);
        assertThat(second.getBean(NotificationIdempotencyStore.class)).isInstanceOf(CacheNotificationIdempotencyStore.class);
    }

    @Test
    void duplicateToTheOtherInstanceIsAcknowledgedWithoutCall() {
        SimulatedNotifications.Outgoing outgoing = cardEvent();

        NotificationDelivery toFirst = outgoing.deliverTo(NotificationTestApp.endpoint(first)).awaitSettled(WAIT);
        NotificationDelivery toSecond = outgoing.deliverTo(NotificationTestApp.endpoint(second)).awaitSettled(WAIT);

        assertThat(toFirst.lastAttempt().status()).isEqualTo(204);
        assertThat(toSecond.lastAttempt().status()).isEqualTo(204);
        assertThat(totalCalls()).isEqualTo(1);
    }

    @Test
    void replayedRequestToTheOtherInstanceIsNotHandledAgain() {
        SignedNotification request = cardEvent().sign();

        NotificationAttempt atFirst = simulator.notifications().post(request, NotificationTestApp.endpoint(first));
        NotificationAttempt atSecond = simulator.notifications().post(request, NotificationTestApp.endpoint(second));

        assertThat(atFirst.status()).isEqualTo(204);
        assertThat(atSecond.status()).isEqualTo(204);
        assertThat(totalCalls()).isEqualTo(1);
    }

    @Test
    void concurrentDeliveriesToBothInstancesCallOneHandlerOnce() {
        first.getBean(RecordingHandler.class).behaviour = (notification) -> Mono.delay(Duration.ofMillis(200)).then();
        second.getBean(RecordingHandler.class).behaviour = (notification) -> Mono.delay(Duration.ofMillis(200)).then();
        SimulatedNotifications.Outgoing outgoing = cardEvent();

        List<NotificationDelivery> deliveries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            deliveries.add(outgoing.deliverTo(NotificationTestApp.endpoint(first)));
            deliveries.add(outgoing.deliverTo(NotificationTestApp.endpoint(second)));
        }
        deliveries.forEach((delivery) -> delivery.awaitSettled(WAIT));

        // the instance that did not win the claim answers 503 and the simulator's retry is then a duplicate
        assertThat(deliveries).allMatch(NotificationDelivery::acknowledged);
        assertThat(totalCalls()).isEqualTo(1);
    }
}
