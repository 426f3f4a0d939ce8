package io.github.discountcard.autoconfigure;

import io.github.discountcard.client.certificates.PlatformCertificateManager;
import io.github.discountcard.notification.BlockingDiscountCardNotificationHandler;
import io.github.discountcard.notification.CacheNotificationIdempotencyStore;
import io.github.discountcard.notification.DiscountCardNotificationHandler;
import io.github.discountcard.notification.InMemoryNotificationIdempotencyStore;
import io.github.discountcard.notification.NotificationIdempotencyStore;
import io.github.discountcard.notification.NotificationProcessor;
import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.DiscountCardSimulatorExtension;
import io.github.discountcard.test.PemWriter;
import io.github.discountcard.test.SigningMode;
import io.github.discountcard.test.TestMerchant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** Every condition of {@link WechatPayNotificationAutoConfiguration} and {@link WechatPayMixedModeAutoConfiguration}. */
class WechatPayNotificationAutoConfigurationTests {

    @RegisterExtension
    static final DiscountCardSimulatorExtension extension = new DiscountCardSimulatorExtension(SigningMode.MIXED);

    static final TestMerchant merchant = TestMerchant.generate();

    static DiscountCardSimulator simulator;

    private static final String ROUTER = "wechatPayNotificationRouterFunction";

    private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(WechatPayAutoConfiguration.class,
            WechatPayMixedModeAutoConfiguration.class, WechatPayClientAutoConfiguration.class,
            WechatPayNotificationAutoConfiguration.class);

    @BeforeAll
    static void setUp() {
        simulator = extension.simulator();
        simulator.registerMerchant(merchant);
    }

    static String[] publicKeyMode(String... more) {
        return WechatPayAutoConfigurationTests.with(new String[] { "wechatpay.mch-id=" + merchant.mchId(),
                "wechatpay.merchant-serial-number=" + merchant.serialNumber(),
                "wechatpay.private-key=" + merchant.privateKeyPem(),
                "wechatpay.public-key=" + PemWriter.publicKey(simulator.platformPublicKey()),
                "wechatpay.public-key-id=" + simulator.platformPublicKeyId(),
                "wechatpay.base-url=" + simulator.baseUrl() }, more);
    }

    static String[] withApiV3Key(String... more) {
        return WechatPayAutoConfigurationTests.with(publicKeyMode("wechatpay.api-v3-key=" + merchant.apiV3Key()), more);
    }

    private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
        .withConfiguration(CONFIGURATIONS);

    private final WebApplicationContextRunner servlet = new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS);

    private final ApplicationContextRunner plain = new ApplicationContextRunner().withConfiguration(CONFIGURATIONS);

    @Test
    void reactiveApplicationWithAHandlerGetsTheEndpoint() {
        this.reactive.withPropertyValues(withApiV3Key()).withUserConfiguration(Handler.class).run((context) -> {
            assertThat(context).hasSingleBean(NotificationProcessor.class).hasBean(ROUTER);
            assertThat(context.getBean(ROUTER))
                .isInstanceOf(org.springframework.web.reactive.function.server.RouterFunction.class);
            assertThat(context.getBean(NotificationIdempotencyStore.class))
                .isInstanceOf(InMemoryNotificationIdempotencyStore.class);
        });
    }

    @Test
    void servletApplicationWithAHandlerGetsTheEndpoint() {
        this.servlet.withPropertyValues(withApiV3Key()).withUserConfiguration(Handler.class).run((context) -> {
            assertThat(context).hasSingleBean(NotificationProcessor.class).hasBean(ROUTER);
            assertThat(context.getBean(ROUTER))
                .isInstanceOf(org.springframework.web.servlet.function.RouterFunction.class);
        });
    }

    @Test
    void blockingHandlerAloneIsEnough() {
        this.servlet.withPropertyValues(withApiV3Key()).withUserConfiguration(BlockingHandler.class)
            .run((context) -> assertThat(context).hasSingleBean(NotificationProcessor.class).hasBean(ROUTER));
    }

    @Test
    void nonWebApplicationGetsTheProcessorButNoRoute() {
        this.plain.withPropertyValues(withApiV3Key()).withUserConfiguration(Handler.class)
            .run((context) -> assertThat(context).hasSingleBean(NotificationProcessor.class).doesNotHaveBean(ROUTER));
    }

    @Test
    void withoutHandlerNothingChanges() {
        this.reactive.withPropertyValues(withApiV3Key()).run((context) -> assertThat(context).hasNotFailed()
            .doesNotHaveBean(NotificationProcessor.class)
            .doesNotHaveBean(NotificationIdempotencyStore.class)
            .doesNotHaveBean(ROUTER));
        this.servlet.withPropertyValues(publicKeyMode()).run((context) -> assertThat(context).hasNotFailed()
            .doesNotHaveBean(NotificationProcessor.class)
            .doesNotHaveBean(ROUTER));
    }

    @Test
    void disabledByProperty() {
        this.reactive.withPropertyValues(withApiV3Key("wechatpay.notifications.enabled=false"))
            .withUserConfiguration(Handler.class)
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(NotificationProcessor.class)
                .doesNotHaveBean(ROUTER));
        this.servlet.withPropertyValues(withApiV3Key("wechatpay.enabled=false"))
            .withUserConfiguration(Handler.class)
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(NotificationProcessor.class));
    }

    @Test
    void handlerWithoutApiV3KeyFailsNamingTheProperty() {
        this.reactive.withPropertyValues(publicKeyMode()).withUserConfiguration(Handler.class).run((context) -> {
            WechatPayConfigurationException failure = configurationFailure(context);
            assertThat(failure.property()).isEqualTo("wechatpay.api-v3-key");
            assertThat(failure.getMessage()).contains("notification");
        });
    }

    @Test
    void badApiV3KeyFailsWithoutShowingIt() {
        this.reactive.withPropertyValues(withApiV3Key("wechatpay.api-v3-key=short-secret-value"))
            .withUserConfiguration(Handler.class)
            .run((context) -> {
                WechatPayConfigurationException failure = configurationFailure(context);
                assertThat(failure.property()).isEqualTo("wechatpay.api-v3-key");
                assertThat(failure.getMessage()).doesNotContain("short-secret-value");
            });
    }

    @Test
    void badPathFailsNamingTheProperty() {
        this.reactive.withPropertyValues(withApiV3Key("wechatpay.notifications.path=notifications"))
            .withUserConfiguration(Handler.class)
            .run((context) -> assertThat(configurationFailure(context).property())
                .isEqualTo("wechatpay.notifications.path"));
    }

    @Test
    void namedCacheBacksTheRecord() {
        this.reactive.withPropertyValues(withApiV3Key("wechatpay.notifications.idempotency.cache-name=notifications"))
            .withUserConfiguration(Handler.class, Caches.class)
            .run((context) -> assertThat(context.getBean(NotificationIdempotencyStore.class))
                .isInstanceOf(CacheNotificationIdempotencyStore.class)
                .hasToString("CacheNotificationIdempotencyStore[notifications]"));
    }

    @Test
    void namedCacheWithoutCacheManagerFailsNamingTheProperty() {
        this.reactive.withPropertyValues(withApiV3Key("wechatpay.notifications.idempotency.cache-name=notifications"))
            .withUserConfiguration(Handler.class)
            .run((context) -> assertThat(configurationFailure(context).property())
                .isEqualTo("wechatpay.notifications.idempotency.cache-name"));
    }

    @Test
    void userStoreWins() {
        this.reactive.withPropertyValues(withApiV3Key()).withUserConfiguration(Handler.class, UserStore.class)
            .run((context) -> assertThat(context.getBean(NotificationIdempotencyStore.class))
                .isSameAs(context.getBean("userStore")));
    }

    @Test
    void mixedModeDownloadsNothingAtStartup() {
        simulator.reset();
        this.reactive.withPropertyValues(withApiV3Key()).withUserConfiguration(Handler.class).run((context) -> {
            assertThat(context).hasSingleBean(PlatformCertificateManager.class);
            assertThat(context.getBean(PlatformCertificateManager.class).lastResult()).isNull();
            assertThat(simulator.requests()).isEmpty();
        });
    }

    @Test
    void publicKeyWithoutApiV3KeyIsNotMixedMode() {
        this.reactive.withPropertyValues(publicKeyMode())
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(PlatformCertificateManager.class));
    }

    @Test
    void explicitDownloadChoiceIsNotMixedMode() {
        this.reactive.withPropertyValues(withApiV3Key("wechatpay.certificates.download=false"))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(PlatformCertificateManager.class));
    }

    static WechatPayConfigurationException configurationFailure(AssertableApplicationContext context) {
        return failure(context.getStartupFailure());
    }

    static WechatPayConfigurationException configurationFailure(
            org.springframework.boot.test.context.assertj.AssertableReactiveWebApplicationContext context) {
        return failure(context.getStartupFailure());
    }

    private static WechatPayConfigurationException failure(Throwable startup) {
        assertThat(startup).isNotNull();
        Throwable cause = startup;
        while (cause != null && !(cause instanceof WechatPayConfigurationException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("a WechatPayConfigurationException in %s", startup.toString()).isNotNull();
        return (WechatPayConfigurationException) cause;
    }

    @Configuration(proxyBeanMethods = false)
    static class Handler {

        @Bean
        DiscountCardNotificationHandler handler() {
            return (notification) -> Mono.empty();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BlockingHandler {

        @Bean
        BlockingDiscountCardNotificationHandler blockingHandler() {
            return (notification) -> { };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Caches {

        @Bean
        CacheManager cacheManager() {
            return new ConcurrentMapCacheManager("notifications");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserStore {

        @Bean
        NotificationIdempotencyStore userStore() {
            return new InMemoryNotificationIdempotencyStore();
        }
    }
}
