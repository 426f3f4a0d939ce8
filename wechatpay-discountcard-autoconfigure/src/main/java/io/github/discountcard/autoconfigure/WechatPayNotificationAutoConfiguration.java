package io.github.discountcard.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import io.github.discountcard.client.certificates.PlatformCertificateManager;
import io.github.discountcard.core.AeadAesGcm;
import io.github.discountcard.core.KeyMaterialException;
import io.github.discountcard.core.ResponseVerifier;
import io.github.discountcard.notification.BlockingDiscountCardNotificationHandler;
import io.github.discountcard.notification.CacheNotificationIdempotencyStore;
import io.github.discountcard.notification.DiscountCardNotificationHandler;
import io.github.discountcard.notification.InMemoryNotificationIdempotencyStore;
import io.github.discountcard.notification.NotificationIdempotencyStore;
import io.github.discountcard.notification.NotificationProcessor;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunctions;

/**
 * The discount card notification endpoint ({@code POST wechatpay.notifications.path}), in a WebFlux or a Spring MVC
 * application, as soon as it has a {@link DiscountCardNotificationHandler} or
 * {@link BlockingDiscountCardNotificationHandler} bean; {@code wechatpay.notifications.enabled=false} turns it off.
 * Notifications are verified with the client's {@link ResponseVerifier} keys (in mixed mode a platform certificate
 * met for the first time is downloaded, rate-limited) and decrypted with {@code wechatpay.api-v3-key}, which is then
 * required. Handlers are called in bean order, reactive ones before blocking ones.
 */
@AutoConfiguration(after = { WechatPayAutoConfiguration.class, WechatPayMixedModeAutoConfiguration.class },
        afterName = "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration")
@ConditionalOnBooleanProperty(name = "wechatpay.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "wechatpay.notifications.enabled", matchIfMissing = true)
@Conditional(WechatPayNotificationAutoConfiguration.HandlerPresentCondition.class)
@EnableConfigurationProperties({ WechatPayProperties.class, WechatPayNotificationProperties.class })
public final class WechatPayNotificationAutoConfiguration {

    /** The most a body limit may be: notifications are a few KiB. */
    static final long MAX_BODY_LIMIT = 16L * 1024 * 1024;

    @Bean
    @ConditionalOnMissingBean
    NotificationIdempotencyStore wechatPayNotificationIdempotencyStore(WechatPayNotificationProperties properties,
            ObjectProvider<CacheManager> cacheManager) {
        WechatPayNotificationProperties.Idempotency idempotency = properties.getIdempotency();
        String cacheName = idempotency.getCacheName();
        if (cacheName != null && !cacheName.isBlank()) {
            String property = "wechatpay.notifications.idempotency.cache-name";
            CacheManager manager = cacheManager.getIfAvailable();
            if (manager == null) {
                throw new WechatPayConfigurationException(property, "names cache '" + cacheName
                        + "' but the application has no CacheManager",
                        "Enable caching (@EnableCaching and a cache provider such as Redis), or unset it to keep "
                                + "the record in memory.");
            }
            Cache cache = manager.getCache(cacheName.trim());
            if (cache == null) {
                throw new WechatPayConfigurationException(property, "names cache '" + cacheName
                        + "', which the CacheManager does not have",
                        "Declare the cache (e.g. spring.cache.cache-names) with a time-to-live of a day or more.");
            }
            return new CacheNotificationIdempotencyStore(cache);
        }
        if (idempotency.getMaxEntries() < 1) {
            throw new WechatPayConfigurationException("wechatpay.notifications.idempotency.max-entries",
                    "must be at least 1 but is " + idempotency.getMaxEntries(), "Leave it unset (100000).");
        }
        return new InMemoryNotificationIdempotencyStore(idempotency.getMaxEntries(),
                positive(idempotency.getMaxAge(),
                        "wechatpay.notifications.idempotency.max-age"),
                Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    NotificationProcessor wechatPayNotificationProcessor(WechatPayProperties wechatPay,
            WechatPayNotificationProperties properties, ObjectProvider<ResponseVerifier> verifier,
            ObjectProvider<DiscountCardNotificationHandler> handlers,
            ObjectProvider<BlockingDiscountCardNotificationHandler> blockingHandlers,
            NotificationIdempotencyStore store, ObjectProvider<PlatformCertificateManager> certificateManager,
            ObjectProvider<ObservationRegistry> observationRegistry) {
        ResponseVerifier responseVerifier = verifier.getIfAvailable();
        if (responseVerifier == null) {
            throw new WechatPayConfigurationException("wechatpay.public-key",
                    "no key is configured to verify WeChat Pay notifications",
                    "Set 'wechatpay.mch-id' and 'wechatpay.public-key'/'wechatpay.public-key-id' (or platform "
                            + "certificates), or define a ResponseVerifier bean.");
        }
        long maxBody = properties.getMaxBodySize().toBytes();
        if (maxBody < 1 || maxBody > MAX_BODY_LIMIT) {
            throw new WechatPayConfigurationException("wechatpay.notifications.max-body-size",
                    "must be between 1B and 16MB but is " + properties.getMaxBodySize(), "Leave it unset (64KB).");
        }
        Duration budget = positive(properties.getReplyBudget(),
                "wechatpay.notifications.reply-budget");
        NotificationProcessor.Builder builder = NotificationProcessor.builder()
            .verifier(responseVerifier)
            .apiV3Key(apiV3Key(wechatPay, "to decrypt WeChat Pay notifications (the application has a notification "
                    + "handler)"))
            .store(store)
            .replyBudget(budget)
            .maxBodyBytes((int) maxBody)
            .unknownSerialRefresher(certificateManager.getIfAvailable())
            .observationRegistry(observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP))
            .logBodies(wechatPay.isLogBodies());
        handlers.orderedStream().forEach(builder::handler);
        blockingHandlers.orderedStream().map(DiscountCardNotificationHandler::blocking).forEach(builder::handler);
        return builder.build();
    }

    /** The APIv3 key, required {@code why}; a startup failure naming {@code wechatpay.api-v3-key} otherwise. */
    static AeadAesGcm apiV3Key(WechatPayProperties properties, String why) {
        String property = "wechatpay.api-v3-key";
        String key = properties.getApiV3Key();
        if (key == null || key.isBlank()) {
            throw new WechatPayConfigurationException(property, "is required " + why,
                    "Set it to the 32-character APIv3 key from the merchant platform (API security settings), or "
                            + "set 'wechatpay.notifications.enabled=false'.");
        }
        try {
            return new AeadAesGcm(key);
        }
        catch (KeyMaterialException ex) {
            throw new WechatPayConfigurationException(property, ex.getMessage(),
                    "Set it to the 32-character APIv3 key from the merchant platform (API security settings).");
        }
    }

    static Duration positive(Duration value, String property) {
        if (value.isNegative() || value.isZero()) {
            throw new WechatPayConfigurationException(property, "must be positive but is " + value,
                    "Leave it unset for the default or give a positive duration such as '30s'.");
        }
        return value;
    }

    static String checkedPath(WechatPayNotificationProperties properties) {
        String path = properties.getPath();
        if (path == null || !path.startsWith("/") || path.contains("*") || path.contains("{")) {
            throw new WechatPayConfigurationException("wechatpay.notifications.path", "must be a plain path "
                    + "starting with '/' but is '" + path + "'", "Leave it unset (/wechatpay/discount-card/notifications).");
        }
        return path;
    }

    /** The endpoint of a WebFlux application. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    static class ReactiveEndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "wechatPayNotificationRouterFunction")
        org.springframework.web.reactive.function.server.RouterFunction<org.springframework.web.reactive.function.server.ServerResponse> wechatPayNotificationRouterFunction(
                NotificationProcessor processor, WechatPayNotificationProperties properties) {
            return RouterFunctions.route(RequestPredicates.POST(checkedPath(properties)),
                    new ReactiveNotificationEndpoint(processor));
        }
    }

    /** The endpoint of a Spring MVC application. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.servlet.function.RouterFunction")
    static class ServletEndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "wechatPayNotificationRouterFunction")
        org.springframework.web.servlet.function.RouterFunction<org.springframework.web.servlet.function.ServerResponse> wechatPayNotificationRouterFunction(
                NotificationProcessor processor, WechatPayNotificationProperties properties) {
            return org.springframework.web.servlet.function.RouterFunctions.route(
                    org.springframework.web.servlet.function.RequestPredicates.POST(checkedPath(properties)),
                    new ServletNotificationEndpoint(processor));
        }
    }

    /** The application has at least one notification handler bean, reactive or blocking. */
    static class HandlerPresentCondition extends AnyNestedCondition {

        HandlerPresentCondition() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBean(DiscountCardNotificationHandler.class)
        static class ReactiveHandler {

        }

        @ConditionalOnBean(BlockingDiscountCardNotificationHandler.class)
        static class BlockingHandler {

        }
    }
}
