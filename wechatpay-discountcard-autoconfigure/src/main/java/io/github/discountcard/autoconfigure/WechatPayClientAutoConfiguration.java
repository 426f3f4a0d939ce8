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

    static final String CLIENT = "discountCardClient";

    @Bean
    @ConditionalOnMissingBean
    DiscountCardClient discountCardClient(WechatPayProperties properties, WechatPaySettings settings, RequestSigner signer,
            ResponseVerifier verifier, DiscountCardConnector connector,
            ObjectProvider<WebClient.Builder> webClientBuilder,
            ObjectProvider<DiscountCardWebClientCustomizer> customizers,
            ObjectProvider<PlatformCertificateManager> certificateManager,
            ObjectProvider<ObservationRegistry> observationRegistry) {
        return WebClientDiscountCardClient.builder()
            .baseUrl(settings.baseUrl())
            .signer(signer)
            .verifier(verifier)
            .webClientBuilder(WechatPayAutoConfiguration.clientBuilder(connector, webClientBuilder, customizers))
            .maxResponseBytes(settings.maxResponseBytes())
            .unknownSerialRefresher(certificateManager.getIfAvailable())
            .retryPolicy(settings.retryPolicy())
            .callTimeout(properties.getCallTimeout())
            .observationRegistry(observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP))
            .logBodies(properties.isLogBodies())
            .build();
    }
}
