package io.github.discountcard.autoconfigure;

import io.github.discountcard.client.BaseUrls;
import io.github.discountcard.client.certificates.PlatformCertificateManager;
import io.github.discountcard.core.RequestSigner;
import io.github.discountcard.core.VerificationKey;
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
            VerificationKeys keys, RequestSigner signer, DiscountCardConnector connector,
            ObjectProvider<WebClient.Builder> webClientBuilder,
            ObjectProvider<DiscountCardWebClientCustomizer> customizers) {
        WechatPayProperties.Certificates certificates = properties.getCertificates();
        // neither start() nor a first download: only a certificate serial met in a signature triggers one
        return PlatformCertificateManager.builder()
            .keys(keys)
            .signer(signer)
            .apiV3Key(WechatPayNotificationAutoConfiguration.apiV3Key(properties, "to download the platform "
                    + "certificates that sign some responses and notifications during WeChat Pay's migration"))
            .baseUrl(baseUrl(properties))
            .staticCertificates(keys.all().stream()
                .filter((key) -> key.kind() == VerificationKey.Kind.CERTIFICATE)
                .toList())
            .timestampWindow(properties.getTimestampWindow())
            .refreshInterval(WechatPayNotificationAutoConfiguration.positive(certificates.getRefreshInterval(),
                    "wechatpay.certificates.refresh-interval"))
            .unknownSerialInterval(WechatPayNotificationAutoConfiguration.positive(
                    certificates.getUnknownSerialRefreshInterval(),
                    "wechatpay.certificates.unknown-serial-refresh-interval"))
            .downloadTimeout(WechatPayNotificationAutoConfiguration.positive(properties.getCallTimeout(),
                    "wechatpay.call-timeout"))
            .webClientBuilder(WechatPayAutoConfiguration.clientBuilder(connector, webClientBuilder, customizers))
            .build();
    }

    private static String baseUrl(WechatPayProperties properties) {
        try {
            return BaseUrls.check(properties.getBaseUrl());
        }
        catch (IllegalArgumentException ex) {
            throw new WechatPayConfigurationException("wechatpay.base-url", ex.getMessage(),
                    "Leave it unset for " + BaseUrls.DEFAULT + ", or use https://; http:// only to 127.0.0.1 or "
                            + "localhost.");
        }
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
