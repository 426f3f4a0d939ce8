package io.github.discountcard.autoconfigure;

import io.github.discountcard.client.certificates.PlatformCertificateManager;
import io.github.discountcard.core.AeadAesGcm;
import io.github.discountcard.core.RequestSigner;
import io.github.discountcard.core.VerificationKeys;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * WeChat Pay's migration from platform certificates to the public key: with {@code wechatpay.public-key} and
 * {@code wechatpay.api-v3-key} both set (and {@code wechatpay.certificates.download} unset), responses and
 * notifications signed by a platform certificate verify too. The certificates are downloaded only when a
 * response or notification names a serial not held, at most once per
 * {@code wechatpay.certificates.unknown-serial-refresh-interval}; nothing is downloaded at startup. A 404
 * {@code RESOURCE_NOT_EXISTS} there just means the merchant has only the public key: that signature fails to verify,
 * nothing else changes.
 */
@AutoConfiguration(after = WechatPayAutoConfiguration.class, before = WechatPayClientAutoConfiguration.class)
@ConditionalOnClass(WebClient.class)
@ConditionalOnBooleanProperty(name = "wechatpay.enabled", matchIfMissing = true)
@Conditional(WechatPayMixedModeAutoConfiguration.MixedModeCondition.class)
public final class WechatPayMixedModeAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnBean({ RequestSigner.class, VerificationKeys.class, DiscountCardConnector.class })
    PlatformCertificateManager wechatPayMixedModeCertificateManager(WechatPayProperties properties,
            ResourceLoader resourceLoader, CryptoProviderChoice crypto, VerificationKeys keys, RequestSigner signer,
            DiscountCardConnector connector, ObjectProvider<WebClient.Builder> webClientBuilder,
            ObjectProvider<DiscountCardWebClientCustomizer> customizers) {
        PropertyKeyMaterial material = new PropertyKeyMaterial(properties, resourceLoader, crypto.provider());
        AeadAesGcm apiV3Key = material.apiV3Key();
        if (apiV3Key == null) {
            throw new IllegalStateException("MixedModeCondition matched without wechatpay.api-v3-key");
        }
        // neither start() nor a first download: only a certificate serial met in a signature triggers one
        return PlatformCertificateManager.builder()
            .keys(keys)
            .signer(signer)
            .apiV3Key(apiV3Key)
            .baseUrl(WechatPayAutoConfiguration.checkedBaseUrl(properties))
            .staticCertificates(material.platformCertificates())
            .timestampWindow(properties.getTimestampWindow())
            .refreshInterval(WechatPayAutoConfiguration.positive(properties.getCertificates().getRefreshInterval(),
                    "wechatpay.certificates.refresh-interval"))
            .unknownSerialInterval(WechatPayAutoConfiguration.positive(
                    properties.getCertificates().getUnknownSerialRefreshInterval(),
                    "wechatpay.certificates.unknown-serial-refresh-interval"))
            .downloadTimeout(WechatPayAutoConfiguration.positive(properties.getCallTimeout(), "wechatpay.call-timeout"))
            .provider(crypto.provider())
            .webClientBuilder(WechatPayAutoConfiguration.clientBuilder(connector, webClientBuilder, customizers))
            .build();
    }

    /** A public key and an APIv3 key, and no explicit choice about downloading certificates. */
    static class MixedModeCondition extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            WechatPayProperties properties = Binder.get(context.getEnvironment())
                .bind("wechatpay", WechatPayProperties.class)
                .orElseGet(WechatPayProperties::new);
            boolean publicKey = properties.getPublicKey() != null && !properties.getPublicKey().isBlank();
            boolean apiV3Key = properties.getApiV3Key() != null && !properties.getApiV3Key().isBlank();
            if (publicKey && apiV3Key && properties.getCertificates().getDownload() == null) {
                return ConditionOutcome.match("wechatpay.public-key and wechatpay.api-v3-key are both set");
            }
            return ConditionOutcome.noMatch("not mixed mode (needs wechatpay.public-key and wechatpay.api-v3-key, "
                    + "and wechatpay.certificates.download unset)");
        }
    }
}
