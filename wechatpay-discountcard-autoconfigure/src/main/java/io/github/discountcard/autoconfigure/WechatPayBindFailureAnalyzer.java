package io.github.discountcard.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.discountcard.autoconfigure.WechatPayConfigurationException.Problem;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * A {@code wechatpay.*} value that cannot even be bound (say, {@code wechatpay.connect-timeout=five seconds}):
 * Spring Boot stops at the first such value and its report quotes it. This report binds every
 * {@code wechatpay.*} property once more, collecting instead of stopping, and lists <em>all</em> values that
 * cannot be bound, each with the type it needs. A value that looks like key material (a private key pasted into
 * the wrong property) is named, never printed. Ordered first, so that it is asked before Spring Boot's
 * analyzer; failures of other properties are left to Spring Boot.
 */
class WechatPayBindFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

    private static final int MAX_SHOWN_VALUE = 64;

    private static final Map<Class<?>, String> EXAMPLES = Map.of(java.time.Duration.class, "'30s' or 'PT30S'",
            org.springframework.util.unit.DataSize.class, "'1MB'", Integer.class, "'3'", int.class, "'3'",
            Boolean.class, "'true' or 'false'", boolean.class, "'true' or 'false'", Double.class, "'0.5'",
            double.class, "'0.5'");

    private final Environment environment;

    /** Spring Boot passes the failed application's environment. */
    WechatPayBindFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        if (!cause.getName().toString().startsWith(WechatPaySettings.PREFIX)
                && !cause.getName().toString().equals("wechatpay")) {
            return null;
        }
        List<Problem> problems = new ArrayList<>();
        Binder.get(this.environment).bind("wechatpay", Bindable.of(WechatPayProperties.class), new AbstractBindHandler() {
            @Override
            public @Nullable Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
                    Exception error) {
                problems.add(problem(name, target, context.getConfigurationProperty()));
                return null; // go on with the next property
            }
        });
        if (problems.isEmpty()) {
            // not reproducible from the environment alone: report what failed, safely
            problems.add(problem(cause.getName(), cause.getTarget(), cause.getProperty()));
        }
        WechatPayConfigurationException report = new WechatPayConfigurationException(problems);
        return new FailureAnalysis("The WeChat Pay discount card client could not be configured.\n\n"
                + report.getMessage(), report.action(), report);
    }

    private static Problem problem(ConfigurationPropertyName name, Bindable<?> target,
            @Nullable ConfigurationProperty property) {
        Class<?> type = target.getType().resolve(Object.class);
        Object value = (property != null) ? property.getValue() : null;
        String shown;
        if (value == null) {
            shown = "";
        }
        else if (KeyLikeValues.looksLikeKey(value.toString())) {
            shown = " (holds what looks like a key or PEM text, value not shown)";
        }
        else {
            String text = value.toString().replaceAll("\\p{Cc}", "?"); // one line per problem
            shown = ": '" + ((text.length() > MAX_SHOWN_VALUE) ? text.substring(0, MAX_SHOWN_VALUE) + "..." : text)
                    + "'";
        }
        String origin = (property != null && property.getOrigin() != null) ? " (set in " + property.getOrigin() + ")" : "";
        String example = EXAMPLES.get(type);
        String action = "Use a value of type " + type.getSimpleName() + ((example != null) ? ", e.g. " + example : "")
                + ((shown.contains("key")) ? "; put keys in wechatpay.private-key, wechatpay.public-key or "
                        + "wechatpay.api-v3-key" : "") + ".";
        return new Problem(name.toString(), "is not a valid " + type.getSimpleName() + shown + origin, action);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
