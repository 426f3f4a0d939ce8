package io.github.discountcard.autoconfigure;

import java.time.Clock;
import java.util.List;

import io.github.discountcard.client.DiscountCardClient;
import io.github.discountcard.client.certificates.PlatformCertificateManager;
import io.github.discountcard.core.RequestSigner;
import io.github.discountcard.core.ResponseVerifier;
import io.github.discountcard.core.VerificationKeys;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
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

    static final String SIGNER = "wechatPayRequestSigner";

    static final String KEYS = "wechatPayVerificationKeys";

    static final String VERIFIER = "wechatPayResponseVerifier";

    static final String CONNECTOR = "wechatPayDiscountCardConnector";

    static final String CERTIFICATE_MANAGER = "wechatPayPlatformCertificateManager";

    /**
     * The merchant's keys and connector: what the client is made of. Set up when the auto-configured client needs
     * them, or when key properties are given (an application that builds its own client from these beans); an
     * application that brings its own client and no {@code wechatpay.mch-id} needs none of it.
     */
    @Configuration(proxyBeanMethods = false)
    @Conditional(KeysNeededCondition.class)
    static class KeyConfiguration {

        /** Every {@code wechatpay.*} property the beans below need, checked and parsed once. */
        @Bean
        WechatPaySettings wechatPaySettings(WechatPayProperties properties, ResourceLoader resourceLoader,
                ObjectProvider<SslBundles> sslBundles, ListableBeanFactory beanFactory) {
            // only what the auto-configuration builds is checked: an application's own signer needs no key property
            WechatPaySettings.Parts parts = new WechatPaySettings.Parts(
                    beanFactory.containsBeanDefinition(SIGNER), beanFactory.containsBeanDefinition(KEYS),
                    beanFactory.containsBeanDefinition(VERIFIER), beanFactory.containsBeanDefinition(CONNECTOR),
                    beanFactory.containsBeanDefinition(WechatPayClientAutoConfiguration.CLIENT),
                    beanFactory.containsBeanDefinition(CERTIFICATE_MANAGER));
            return WechatPaySettings.check(properties, resourceLoader, sslBundles.getIfAvailable(), parts);
        }

        @Bean
        @ConditionalOnMissingBean
        RequestSigner wechatPayRequestSigner(WechatPaySettings settings) {
            return new RequestSigner(settings.mchId(), settings.merchantSerialNumber(), settings.privateKey(),
                    Clock.systemUTC(), settings.provider());
        }

        /** The configured keys; in certificate-download mode the certificate refresh fills it before any call. */
        @Bean
        @ConditionalOnMissingBean
        VerificationKeys wechatPayVerificationKeys(WechatPaySettings settings) {
            return new VerificationKeys(settings.verificationKeys());
        }

        /** Takes the settings so that its property (timestamp-window) is checked, in the one report, first. */
        @Bean
        @ConditionalOnMissingBean
        ResponseVerifier wechatPayResponseVerifier(VerificationKeys keys, WechatPayProperties properties,
                WechatPaySettings settings) {
            return new ResponseVerifier(keys, Clock.systemUTC(), properties.getTimestampWindow());
        }

        @Bean
        @ConditionalOnMissingBean
        DiscountCardConnector wechatPayDiscountCardConnector(WechatPayProperties properties, WechatPaySettings settings) {
            return new DiscountCardConnector(properties.getConnectTimeout(), properties.getResponseTimeout(),
                    settings.sslBundle(), settings.proxy());
        }

        /** Certificate mode without configured certificates: download them, keep them fresh. */
        @Configuration(proxyBeanMethods = false)
        @Conditional(CertificateDownloadCondition.class)
        static class CertificateDownloadConfiguration {

            @Bean(destroyMethod = "close")
            @ConditionalOnMissingBean
            PlatformCertificateManager wechatPayPlatformCertificateManager(WechatPayProperties properties,
                    WechatPaySettings settings, VerificationKeys keys, RequestSigner signer,
                    DiscountCardConnector connector, CertificateRefreshTiming timing,
                    ObjectProvider<WebClient.Builder> webClientBuilder,
                    ObjectProvider<DiscountCardWebClientCustomizer> customizers) {
                return PlatformCertificateManager.builder()
                    .keys(keys)
                    .signer(signer)
                    .apiV3Key(settings.apiV3Key())
                    .baseUrl(settings.baseUrl())
                    .staticCertificates(settings.platformCertificates())
                    .timestampWindow(properties.getTimestampWindow())
                    .refreshInterval(properties.getCertificates().getRefreshInterval())
                    .unknownSerialInterval(properties.getCertificates().getUnknownSerialRefreshInterval())
                    .downloadTimeout(properties.getCallTimeout())
                    .provider(settings.provider())
                    .clock(timing.clock())
                    .scheduler(timing.scheduler())
                    .webClientBuilder(clientBuilder(connector, webClientBuilder, customizers))
                    .build();
            }

            /** Where the refresh waits; an application (or a test on virtual time) may bring its own. */
            @Bean
            @ConditionalOnMissingBean
            CertificateRefreshTiming wechatPayCertificateRefreshTiming() {
                return CertificateRefreshTiming.system();
            }

            /** The first download when the context starts, then the scheduled refresh; stopped with the context. */
            @Bean
            @ConditionalOnMissingBean
            CertificateRefreshLifecycle wechatPayCertificateRefresh(PlatformCertificateManager manager,
                    WechatPayProperties properties, CertificateRefreshTiming timing) {
                return new CertificateRefreshLifecycle(manager, properties.getCertificates().isFailFast(),
                        properties.getConnectTimeout().plus(properties.getResponseTimeout()), timing.scheduler());
            }
        }
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
     * Keeps the private key, the APIv3 key and the proxy password out of {@code /actuator/configprops} and {@code /actuator/env}, even when
     * values are shown, whichever form names them ({@code wechatpay.private-key}, {@code privateKey},
     * {@code WECHATPAY_PRIVATE_KEY}).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SanitizingFunction.class)
    static class SanitizingConfiguration {

        private static final List<String> SECRETS = List.of("wechatpayprivatekey", "wechatpayapiv3key",
                "wechatpayproxypassword");

        @Bean
        SanitizingFunction wechatPaySecretsSanitizingFunction() {
            return (data) -> {
                String key = data.getLowerCaseKey().replaceAll("[-_.\\[\\]]", "");
                return SECRETS.stream().anyMatch(key::endsWith) ? data.withSanitizedValue() : data;
            };
        }
    }
}
