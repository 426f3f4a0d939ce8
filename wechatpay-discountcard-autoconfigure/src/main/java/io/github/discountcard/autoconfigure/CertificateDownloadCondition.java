package io.github.discountcard.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when platform certificates are to be downloaded (see {@link WechatPayProperties#downloadsCertificates()}). */
class CertificateDownloadCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        WechatPayProperties properties = Binder.get(context.getEnvironment())
            .bind("wechatpay", WechatPayProperties.class)
            .orElseGet(WechatPayProperties::new);
        return properties.downloadsCertificates()
                ? ConditionOutcome.match("platform certificates are downloaded with the APIv3 key")
                : ConditionOutcome.noMatch("no certificate download (public-key mode, configured certificates, "
                        + "no wechatpay.api-v3-key, or wechatpay.certificates.download=false)");
    }
}
