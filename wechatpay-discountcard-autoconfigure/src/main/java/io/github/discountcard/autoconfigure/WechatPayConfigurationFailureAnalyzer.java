package io.github.discountcard.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns bad {@code wechatpay.*} configuration into a startup report that names the property and the fix. */
class WechatPayConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<WechatPayConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, WechatPayConfigurationException cause) {
        return new FailureAnalysis("The WeChat Pay discount card client could not be configured.\n\n"
                + cause.getMessage(), cause.action(), cause);
    }
}
