package io.github.discountcard.autoconfigure;

import java.time.Clock;

import io.github.discountcard.client.certificates.PlatformCertificateManager;
import io.github.discountcard.core.ResponseVerifier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code wechatpay} health indicator, when Spring Boot's health support is present: whether responses can
 * still be verified with the keys of the {@link ResponseVerifier} in use, ours or the application's.
 */
@AutoConfiguration(after = WechatPayAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnEnabledHealthIndicator("wechatpay")
@ConditionalOnBean(ResponseVerifier.class)
public final class WechatPayHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "wechatPayHealthIndicator")
    WechatPayHealthIndicator wechatPayHealthIndicator(ResponseVerifier verifier,
            ObjectProvider<PlatformCertificateManager> certificates) {
        return new WechatPayHealthIndicator(verifier.keys(), certificates.getIfAvailable(), Clock.systemUTC());
    }
}
