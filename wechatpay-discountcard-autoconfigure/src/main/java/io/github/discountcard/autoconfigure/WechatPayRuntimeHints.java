package io.github.discountcard.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * Native-image hints of the auto-configuration: the {@code wechatpay.*} property classes, bound by Spring Boot's
 * {@code Binder} (also from {@code CertificateDownloadCondition}, outside any bean). The client's own hints are in
 * {@code DiscountCardRuntimeHints}; both are listed in {@code META-INF/spring/aot.factories}.
 */
final class WechatPayRuntimeHints implements RuntimeHintsRegistrar {

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        BindableRuntimeHintsRegistrar.forTypes(WechatPayProperties.class, WechatPayNotificationProperties.class)
            .registerHints(hints, classLoader);
    }
}
