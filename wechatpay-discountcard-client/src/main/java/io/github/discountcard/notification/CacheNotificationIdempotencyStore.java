package io.github.discountcard.notification;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.cache.Cache;

/**
 * A {@link NotificationIdempotencyStore} on a Spring {@link Cache}, so that every instance of a cluster sees the
 * same record through whatever cache the application runs (Redis, Hazelcast, Caffeine …). Its bounds are the
 * cache's: configure a time-to-live of a day or more (WeChat Pay retries for about 24 h) and a size limit there.
 * {@link Cache#putIfAbsent} must be atomic across instances, as it is for the usual distributed caches.
 */
public final class CacheNotificationIdempotencyStore implements NotificationIdempotencyStore {

    private final Cache cache;

    public CacheNotificationIdempotencyStore(Cache cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public @Nullable String putIfAbsent(String key, String value) {
        Cache.ValueWrapper before = this.cache.putIfAbsent(key, value);
        if (before == null) {
            return null;
        }
        Object held = before.get();
        return (held != null) ? held.toString() : "";
    }

    @Override
    public @Nullable String get(String key) {
        Cache.ValueWrapper held = this.cache.get(key);
        Object value = (held != null) ? held.get() : null;
        return (value != null) ? value.toString() : null;
    }

    @Override
    public void put(String key, String value) {
        this.cache.put(key, value);
    }

    @Override
    public void remove(String key) {
        this.cache.evict(key);
    }

    @Override
    public boolean mayBlock() {
        return true;
    }

    @Override
    public String toString() {
        return "CacheNotificationIdempotencyStore[" + this.cache.getName() + "]";
    }
}
