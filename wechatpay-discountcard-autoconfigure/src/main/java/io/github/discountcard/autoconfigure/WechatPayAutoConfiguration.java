package io.github.discountcard.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.github.discountcard.client.BaseUrls;
import io.github.discountcard.client.DiscountCardClient;
import io.github.discountcard.client.RetryPolicy;
import io.github.discountcard.client.certificates.PlatformCertificateManager;
import io.github.discountcard.core.AeadAesGcm;
import io.github.discountcard.core.RequestSigner;
import io.github.discountcard.core.ResponseVerifier;
import io.github.discountcard.core.VerificationKey;
import io.github.discountcard.core.VerificationKeys;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of the WeChat Pay merchant keys: {@code wechatpay.*} properties become the merchant
 * {@link RequestSigner}, the {@link VerificationKeys} and {@link ResponseVerifier} (and, in certificate mode, the
 * certificate refresh) that {@link WechatPayClientAutoConfiguration} builds the client from. Each bean backs off
 * when the application defines its own.
 */
@AutoConfiguration(afterName = "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration")
@ConditionalOnClass(WebClient.class)
@ConditionalOnBooleanProperty(name = "wechatpay.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WechatPayProperties.class)
public final class WechatPayAutoConfiguration {

    /**
     * The merchant's keys and connector: what the client is made of. Set up when the auto-configured client needs
     * them, or when key properties are given (an application that builds its own client from these beans); an
     * application that brings its own client and no {@code wechatpay.mch-id} needs none of it.
     */
    @Configuration(proxyBeanMethods = false)
    @Conditional(KeysNeededCondition.class)
    static class KeyConfiguration {

        @Bean
        CryptoProviderChoice wechatPayCryptoProvider(WechatPayProperties properties) {
            return CryptoProviderChoice.resolve(properties.getCryptoProvider());
        }

        @Bean
        @ConditionalOnMissingBean
        RequestSigner wechatPayRequestSigner(WechatPayProperties properties, ResourceLoader resourceLoader,
                CryptoProviderChoice crypto) {
            PropertyKeyMaterial keys = new PropertyKeyMaterial(properties, resourceLoader, crypto.provider());
            return new RequestSigner(keys.mchId(), keys.merchantSerialNumber(), keys.privateKey(), Clock.systemUTC(),
                    crypto.provider());
        }

        @Bean
        @ConditionalOnMissingBean
        VerificationKeys wechatPayVerificationKeys(WechatPayProperties properties, ResourceLoader resourceLoader,
                CryptoProviderChoice crypto) {
            PropertyKeyMaterial material = new PropertyKeyMaterial(properties, resourceLoader, crypto.provider());
            VerificationKeys keys = new VerificationKeys(material.platformCertificates());
            VerificationKey publicKey = material.publicKey();
            if (publicKey != null) {
                keys.put(publicKey);
            }
            AeadAesGcm apiV3Key = material.apiV3Key();
            if (properties.downloadsCertificates()) {
                if (apiV3Key == null) {
                    throw new WechatPayConfigurationException("wechatpay.api-v3-key",
                            "is required to download platform certificates (wechatpay.certificates.download=true)",
                            "Set it to the 32-character APIv3 key, or turn the download off.");
                }
                return keys; // the certificate manager fills it before the client is built
            }
            if (keys.isEmpty()) {
                throw new WechatPayConfigurationException("wechatpay.public-key",
                        "no key is configured to verify WeChat Pay responses",
                        "Set 'wechatpay.public-key' and 'wechatpay.public-key-id' (WeChat Pay public key, the mode for "
                                + "merchants since late 2024), or 'wechatpay.platform-certificates', or "
                                + "'wechatpay.api-v3-key' to download platform certificates.");
            }
            return keys;
        }

        @Bean
        @ConditionalOnMissingBean
        ResponseVerifier wechatPayResponseVerifier(VerificationKeys keys, WechatPayProperties properties) {
            if (properties.getTimestampWindow().compareTo(Duration.ofSeconds(1)) < 0) {
                throw new WechatPayConfigurationException("wechatpay.timestamp-window",
                        "must be positive and at least 1 second (WeChat Pay timestamps are whole seconds) but is "
                                + properties.getTimestampWindow(), "Leave it unset (5 minutes) or set e.g. '5m'.");
            }
            return new ResponseVerifier(keys, Clock.systemUTC(), properties.getTimestampWindow());
        }

        @Bean
        @ConditionalOnMissingBean
        DiscountCardConnector wechatPayDiscountCardConnector(WechatPayProperties properties) {
            return new DiscountCardConnector(positive(properties.getConnectTimeout(), "wechatpay.connect-timeout"),
                    positive(properties.getResponseTimeout(), "wechatpay.response-timeout"));
        }

        /** Certificate mode without configured certificates: download them, keep them fresh. */
        @Configuration(proxyBeanMethods = false)
        @Conditional(CertificateDownloadCondition.class)
        static class CertificateDownloadConfiguration {

            @Bean(destroyMethod = "close")
            @ConditionalOnMissingBean
            PlatformCertificateManager wechatPayPlatformCertificateManager(WechatPayProperties properties,
                    ResourceLoader resourceLoader, CryptoProviderChoice crypto, VerificationKeys keys, RequestSigner signer,
                    DiscountCardConnector connector, ObjectProvider<WebClient.Builder> webClientBuilder,
                    ObjectProvider<DiscountCardWebClientCustomizer> customizers) {
                PropertyKeyMaterial material = new PropertyKeyMaterial(properties, resourceLoader, crypto.provider());
                AeadAesGcm apiV3Key = material.apiV3Key();
                if (apiV3Key == null) {
                    throw new WechatPayConfigurationException("wechatpay.api-v3-key",
                            "is required to download platform certificates", "Set it to the 32-character APIv3 key.");
                }
                PlatformCertificateManager manager = PlatformCertificateManager.builder()
                    .keys(keys)
                    .signer(signer)
                    .apiV3Key(apiV3Key)
                    .baseUrl(checkedBaseUrl(properties))
                    .staticCertificates(material.platformCertificates())
                    .timestampWindow(properties.getTimestampWindow())
                    .refreshInterval(positive(properties.getCertificates().getRefreshInterval(),
                            "wechatpay.certificates.refresh-interval"))
                    .unknownSerialInterval(positive(properties.getCertificates().getUnknownSerialRefreshInterval(),
                            "wechatpay.certificates.unknown-serial-refresh-interval"))
                    .downloadTimeout(positive(properties.getCallTimeout(), "wechatpay.call-timeout"))
                    .provider(crypto.provider())
                    .webClientBuilder(clientBuilder(connector, webClientBuilder, customizers))
                    .build();
                InitialCertificateDownload.run(manager, properties);
                manager.start();
                return manager;
            }
        }
    }

    static RetryPolicy retryPolicy(WechatPayProperties properties) {
        WechatPayProperties.Retry retry = properties.getRetry();
        try {
            return new RetryPolicy(retry.getMaxAttempts(), retry.getInitialBackoff(), retry.getMaxBackoff(),
                    retry.getJitter());
        }
        catch (IllegalArgumentException ex) {
            throw new WechatPayConfigurationException("wechatpay.retry", ex.getMessage(),
                    "Use max-attempts >= 1, 0 <= initial-backoff <= max-backoff and a jitter between 0 and 1.");
        }
    }

    static Duration positive(Duration value, String property) {
        if (value.isNegative() || value.isZero()) {
            throw new WechatPayConfigurationException(property, "must be positive but is " + value,
                    "Leave it unset for the default or give a positive duration such as '30s'.");
        }
        return value;
    }

    /** Boot's builder (codecs, observation) when there is one, on our own connector, then the user's tuning. */
    static WebClient.Builder clientBuilder(DiscountCardConnector connector,
            ObjectProvider<WebClient.Builder> webClientBuilder,
            ObjectProvider<DiscountCardWebClientCustomizer> customizers) {
        WebClient.Builder builder = webClientBuilder.getIfAvailable(WebClient::builder).clone();
        builder.clientConnector(connector.connector());
        customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
        return builder;
    }

    static String checkedBaseUrl(WechatPayProperties properties) {
        try {
            return BaseUrls.check(properties.getBaseUrl());
        }
        catch (IllegalArgumentException ex) {
            throw new WechatPayConfigurationException("wechatpay.base-url", ex.getMessage(),
                    "Leave it unset for " + BaseUrls.DEFAULT + ", or use https://; http:// only to 127.0.0.1 or localhost.");
        }
    }

    /** Keys are needed for the auto-configured client, or when the application configured a merchant. */
    static class KeysNeededCondition extends AnyNestedCondition {

        KeysNeededCondition() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnMissingBean(DiscountCardClient.class)
        static class NoApplicationClient {

        }

        @ConditionalOnProperty(prefix = "wechatpay", name = "mch-id")
        static class MerchantConfigured {

        }
    }

    /**
     * Keeps the private key and APIv3 key out of {@code /actuator/configprops} and {@code /actuator/env}, even when
     * values are shown, whichever form names them ({@code wechatpay.private-key}, {@code privateKey},
     * {@code WECHATPAY_PRIVATE_KEY}).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SanitizingFunction.class)
    static class SanitizingConfiguration {

        private static final List<String> SECRETS = List.of("wechatpayprivatekey", "wechatpayapiv3key");

        @Bean
        SanitizingFunction wechatPaySecretsSanitizingFunction() {
            return (data) -> {
                String key = data.getLowerCaseKey().replaceAll("[-_.\\[\\]]", "");
                return SECRETS.stream().anyMatch(key::endsWith) ? data.withSanitizedValue() : data;
            };
        }
    }
}
