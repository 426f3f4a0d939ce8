package io.github.discountcard.autoconfigure.endpoint;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.github.discountcard.notification.DiscountCardNotification;
import io.github.discountcard.notification.DiscountCardNotificationHandler;
import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.PemWriter;
import io.github.discountcard.test.TestMerchant;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/** A real application (WebFlux or Spring MVC) on a random port whose one handler records what it gets. */
@SpringBootConfiguration
@EnableAutoConfiguration
class NotificationTestApp {

    static final String PATH = "/wechatpay/discount-card/notifications";

    @Bean
    RecordingHandler recordingHandler() {
        return new RecordingHandler();
    }

    /** Which web stack the application runs on. */
    enum Stack {
        WEBFLUX(WebApplicationType.REACTIVE), MVC(WebApplicationType.SERVLET);

        final WebApplicationType type;

        Stack(WebApplicationType type) {
            this.type = type;
        }
    }

    /** The merchant's properties in public-key mode (plus the APIv3 key) against the simulator. */
    static List<String> properties(DiscountCardSimulator simulator, TestMerchant merchant) {
        return new ArrayList<>(List.of("wechatpay.mch-id=" + merchant.mchId(),
                "wechatpay.merchant-serial-number=" + merchant.serialNumber(),
                "wechatpay.private-key=" + merchant.privateKeyPem(),
                "wechatpay.public-key=" + PemWriter.publicKey(simulator.platformPublicKey()),
                "wechatpay.public-key-id=" + simulator.platformPublicKeyId(),
                "wechatpay.api-v3-key=" + merchant.apiV3Key(), "wechatpay.base-url=" + simulator.baseUrl(),
                "wechatpay.notifications.reply-budget=1s", "server.port=0", "server.address=127.0.0.1",
                "spring.main.banner-mode=off"));
    }

    @SafeVarargs
    static ConfigurableApplicationContext start(Stack stack, List<String> properties,
            ApplicationContextInitializer<ConfigurableApplicationContext>... initializers) {
        return new SpringApplicationBuilder(NotificationTestApp.class).web(stack.type)
            .properties(properties.toArray(String[]::new))
            .initializers(initializers)
            .run();
    }

    static URI endpoint(ConfigurableApplicationContext context) {
        return URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + PATH);
    }

    /** Records every notification it completes; what it does can be changed per test. */
    static final class RecordingHandler implements DiscountCardNotificationHandler {

        final Queue<DiscountCardNotification> handled = new ConcurrentLinkedQueue<>();

        final Map<String, AtomicInteger> callsById = new ConcurrentHashMap<>();

        final AtomicInteger calls = new AtomicInteger();

        volatile Function<DiscountCardNotification, Mono<Void>> behaviour = (notification) -> Mono.empty();

        @Override
        public Mono<Void> handle(DiscountCardNotification notification) {
            return Mono.defer(() -> {
                this.calls.incrementAndGet();
                return this.behaviour.apply(notification);
            }).doOnSuccess((done) -> {
                this.callsById.computeIfAbsent(notification.id(), (id) -> new AtomicInteger()).incrementAndGet();
                this.handled.add(notification);
            });
        }

        int completed(String id) {
            AtomicInteger count = this.callsById.get(id);
            return (count != null) ? count.get() : 0;
        }

        void reset() {
            this.handled.clear();
            this.callsById.clear();
            this.calls.set(0);
            this.behaviour = (notification) -> Mono.empty();
        }
    }
}
