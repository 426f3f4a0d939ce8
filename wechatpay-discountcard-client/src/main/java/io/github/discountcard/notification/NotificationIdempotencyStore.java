package io.github.discountcard.notification;

import org.jspecify.annotations.Nullable;

/**
 * Where the {@link NotificationProcessor} records which notification ids are being handled or were handled, and
 * which signed deliveries it has seen (replay protection): a small key-value store with an atomic
 * {@link #putIfAbsent}. Entries must be bounded (size and age): a record only needs to outlive WeChat Pay's retries
 * of one notification (about a day).
 * <p>
 * {@link InMemoryNotificationIdempotencyStore} serves one instance; {@link CacheNotificationIdempotencyStore}
 * shares the record through a Spring {@code Cache} (Redis, Hazelcast …) across the instances of a cluster.
 */
public interface NotificationIdempotencyStore {

    /**
     * Stores the value unless the key holds one, atomically.
     * @return the value held before (and left in place), or {@code null} when this call stored the value
     */
    @Nullable String putIfAbsent(String key, String value);

    /** The value held, or {@code null}. */
    @Nullable String get(String key);

    /** Stores the value, replacing any. */
    void put(String key, String value);

    /** Forgets the key. */
    void remove(String key);

    /** Whether calls may block (a network cache): the processor then makes them off the event loop. */
    default boolean mayBlock() {
        return false;
    }
}
