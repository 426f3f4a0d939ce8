package io.github.discountcard.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * A {@code wechatpay.*} property that cannot work, with the property, what is wrong and how to fix it.
 * Reported at startup by {@link WechatPayConfigurationFailureAnalyzer}. Never contains a secret.
 */
public class WechatPayConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String property;

    private final String action;

    /** The problem is often another exception's message; when that has none, the property "is invalid". */
    public WechatPayConfigurationException(String property, @Nullable String problem, String action) {
        this(property, problem, action, null);
    }

    public WechatPayConfigurationException(String property, @Nullable String problem, String action,
            @Nullable Throwable cause) {
        super("Property '" + property + "': " + ((problem != null) ? problem : "is invalid"), cause);
        this.property = property;
        this.action = action;
    }

    /** The property to fix, e.g. {@code wechatpay.private-key}. */
    public String property() {
        return this.property;
    }

    /** What to do about it. */
    public String action() {
        return this.action;
    }
}
