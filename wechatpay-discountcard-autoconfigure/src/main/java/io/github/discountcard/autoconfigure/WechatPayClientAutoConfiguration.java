package io.github.discountcard.autoconfigure;


import io.github.discountcard.client.DiscountCardClient;
import io.github.discountcard.client.WebClientDiscountCardClient;
import io.github.discountcard.client.certificates.PlatformCertificateManager;
import io.github.discountcard.core.RequestSigner;
import io.github.discountcard.core.ResponseVerifier;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of a ready {@link DiscountCardClient} on the merchant keys of
 * {@link WechatPayAutoConfiguration}; backs off when the application defines its own client.
 */
@AutoConfiguration(after = WechatPayAutoConfiguration.class)
@ConditionalOnClass(WebClient.class)
@ConditionalOnBooleanProperty(name = "wechatpay.enabled", matchIfMissing = true)
public final class WechatPayClientAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DiscountCardClient discountCardClient(WechatPayProperties properties, RequestSigner signer,
            ResponseVerifier verifier, DiscountCardConnector connector,
            ObjectProvider<WebClient.Builder> webClientBuilder,
            ObjectProvider<DiscountCardWebClientCustomizer> customizers,
            ObjectProvider<PlatformCertificateManager> certificateManager,
            ObjectProvider<ObservationRegistry> observationRegistry) {
        long maxResponseBytes = properties.getMaxResponseSize().toBytes();
        if (maxResponseBytes <= 0) {
            throw new WechatPayConfigurationException("wechatpay.max-response-size",
                    "must be positive but is " + properties.getMaxResponseSize(), "Leave it unset (1MB) or set e.g. '2MB'.");
        }
        return WebClientDiscountCardClient.builder()
            .baseUrl(WechatPayAutoConfiguration.checkedBaseUrl(properties))
            .signer(signer)
            .verifier(verifier)
            .webClientBuilder(WechatPayAutoConfiguration.clientBuilder(connector, webClientBuilder, customizers))
            .maxResponseBytes((int) Math.min(Integer.MAX_VALUE, Math.max(1, maxResponseBytes)))
            .unknownSerialRefresher(certificateManager.getIfAvailable())
            .retryPolicy(WechatPayAutoConfiguration.retryPolicy(properties))
            .callTimeout(WechatPayAutoConfiguration.positive(properties.getCallTimeout(), "wechatpay.call-timeout"))
            .observationRegistry(observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP))
            .logBodies(properties.isLogBodies())
            .build();
    }
}
