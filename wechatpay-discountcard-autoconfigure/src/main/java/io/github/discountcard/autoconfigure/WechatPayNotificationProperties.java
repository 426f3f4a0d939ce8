package io.github.discountcard.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The discount card notification endpoint, served once the application has a
 * {@code DiscountCardNotificationHandler} (or {@code BlockingDiscountCardNotificationHandler}) bean. The APIv3 key
 * that decrypts notifications is {@code wechatpay.api-v3-key}; the keys that verify them are those of the client.
 */
@ConfigurationProperties("wechatpay.notifications")
public class WechatPayNotificationProperties {

    /**
     * Whether to serve the notification endpoint when the application has a notification handler bean.
     */
    private boolean enabled = true;

    /**
     * Path of the endpoint (POST) that WeChat Pay notifications are sent to: the path of the notify_url given to
     * WeChat Pay.
     */
    private String path = "/wechatpay/discount-card/notifications";

    /**
     * Largest notification body accepted; a larger one is refused (413) without reading the rest of it.
     */
    private DataSize maxBodySize = DataSize.ofKilobytes(64);

    /**
     * How long the handlers get before the reply is a failure, so that WeChat Pay delivers again; keep it under
     * WeChat Pay's 5 second limit.
     */
    private Duration replyBudget = Duration.ofSeconds(4);

    private final Idempotency idempotency = new Idempotency();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getPath() {
        return this.path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public DataSize getMaxBodySize() {
        return this.maxBodySize;
    }

    public void setMaxBodySize(DataSize maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    public Duration getReplyBudget() {
        return this.replyBudget;
    }

    public void setReplyBudget(Duration replyBudget) {
        this.replyBudget = replyBudget;
    }

    public Idempotency getIdempotency() {
        return this.idempotency;
    }

    /**
     * The record of handled notification ids, which makes duplicates harmless.
     */
    public static class Idempotency {

        /**
         * Name of a cache of the application's Spring CacheManager that records handled notification ids, shared
         * by every instance through that cache (Redis, Hazelcast ...); give it a time-to-live of a day or more.
         * Unset: the record is kept in memory, per instance.
         */
        private @Nullable String cacheName;

        /**
         * Most entries the in-memory record keeps (two per notification); the oldest go first.
         */
        private int maxEntries = 100_000;

        /**
         * How long the in-memory record keeps an entry; longer than WeChat Pay's retries (about a day).
         */
        private Duration maxAge = Duration.ofHours(25);

        public @Nullable String getCacheName() {
            return this.cacheName;
        }

        public void setCacheName(@Nullable String cacheName) {
            this.cacheName = cacheName;
        }

        public int getMaxEntries() {
            return this.maxEntries;
        }

        public void setMaxEntries(int maxEntries) {
            this.maxEntries = maxEntries;
        }

        public Duration getMaxAge() {
            return this.maxAge;
        }

        public void setMaxAge(Duration maxAge) {
            this.maxAge = maxAge;
        }
    }

    @Override
    public String toString() {
        return "WechatPayNotificationProperties[enabled=" + this.enabled + ", path=" + this.path + ", maxBodySize="
                + this.maxBodySize + ", replyBudget=" + this.replyBudget + ", cacheName="
                + this.idempotency.cacheName + "]";
    }
}
