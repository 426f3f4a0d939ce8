package io.github.discountcard.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;

/**
 * A {@code wechatpay.*} value that cannot even be bound (say, a private key pasted into
 * {@code wechatpay.connect-timeout}) would be quoted by Spring Boot's own report, value and conversion error
 * included. When that value looks like key material this report names the property and where it was set,
 * never the value; every other binding failure is left to Spring Boot's report. Ordered first, so that it is
 * asked before Spring Boot's analyzer.
 */
class WechatPayBindFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        ConfigurationProperty property = cause.getProperty();
        if (property == null || !property.getName().toString().startsWith(WechatPaySettings.PREFIX)
                || !(property.getValue() instanceof CharSequence value) || !KeyLikeValues.looksLikeKey(value.toString())) {
            return null;
        }
        Origin origin = property.getOrigin();
        // the reported cause is ours, without the value: Boot's exception quotes it
        WechatPayConfigurationException report = new WechatPayConfigurationException(property.getName().toString(),
                "holds what looks like a key or PEM text (value not shown) and cannot be bound to "
                        + cause.getTarget().getType() + ((origin != null) ? "\n    Origin: " + origin : ""),
                "Put each key in its own property (wechatpay.private-key, wechatpay.public-key, wechatpay.api-v3-key) "
                        + "and give '" + property.getName() + "' its own value.");
        return new FailureAnalysis("The WeChat Pay discount card client could not be configured.\n\n"
                + report.getMessage(), report.action(), report);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
