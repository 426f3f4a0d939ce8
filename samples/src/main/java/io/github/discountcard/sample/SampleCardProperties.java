package io.github.discountcard.sample;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.env.Environment;

/**
 * The sample's cards-family settings ({@code sample.cards.*}). Demo mode fills in the simulator's template and a
 * demo appid; against the real API set all three.
 *
 * @param cardTemplateId the card template WeChat configured for the merchant ({@code card_template_id})
 * @param appid the app whose users claim cards ({@code appid}, 10 to 32 characters)
 * @param notifyUrl where WeChat sends the cards' notifications ({@code notify_url}, an absolute https:// URL); in
 * demo mode, when not set, the sample's own notification endpoint on loopback
 */
@ConfigurationProperties("sample.cards")
record SampleCardProperties(@Nullable String cardTemplateId, @Nullable String appid, @Nullable String notifyUrl) {

    /** Where the starter serves notifications by default ({@code wechatpay.notifications.path}). */
    static final String DEFAULT_NOTIFICATION_PATH = "/wechatpay/discount-card/notifications";

    /**
     * The {@code notify_url} to prepare cards with: the configured one; in demo mode, when none is configured, the
     * sample's own notification endpoint on loopback (the simulator delivers there); else {@code null}, which the
     * client refuses naming {@code notify_url}.
     */
    @Nullable String notifyUrl(Environment environment) {
        if (this.notifyUrl != null) {
            return this.notifyUrl;
        }
        if (environment.getProperty(DemoSimulatorInitializer.DEMO_MODE_PROPERTY, Boolean.class, false)) {
            return "http://127.0.0.1:" + environment.getProperty("local.server.port", "8080")
                    + environment.getProperty("wechatpay.notifications.path", DEFAULT_NOTIFICATION_PATH);
        }
        return null;
    }
}
