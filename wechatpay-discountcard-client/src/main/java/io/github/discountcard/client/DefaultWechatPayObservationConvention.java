package io.github.discountcard.client;

import io.micrometer.common.KeyValues;

/**
 * The default names and tags of a WeChat Pay call's observation.
 * <ul>
 * <li>name {@value #NAME} (Spring Boot's metrics make it a timer of that name, tracing a span);</li>
 * <li>contextual name {@code wechatpay <operation>};</li>
 * <li>low-cardinality tags {@code operation}, {@code outcome}, {@code status} (the HTTP status, {@code NONE}
 * without an answer) and {@code error.code} (see {@link WechatPayObservationContext#errorCode()});</li>
 * <li>no high-cardinality tags: order numbers and openids are never tags.</li>
 * </ul>
 */
public class DefaultWechatPayObservationConvention implements WechatPayObservationConvention {

    /** The observation name. */
    public static final String NAME = "wechatpay.discountcard.client.requests";

    /** A shared instance. */
    public static final DefaultWechatPayObservationConvention INSTANCE = new DefaultWechatPayObservationConvention();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(WechatPayObservationContext context) {
        return "wechatpay " + context.operation();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(WechatPayObservationContext context) {
        return KeyValues.of("operation", context.operation(), "outcome", context.outcome(), "status",
                (context.status() > 0) ? Integer.toString(context.status()) : "NONE", "error.code",
                context.errorCode());
    }
}
