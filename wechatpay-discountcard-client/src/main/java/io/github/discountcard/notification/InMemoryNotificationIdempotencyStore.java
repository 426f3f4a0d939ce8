package io.github.discountcard.notification;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The default {@link NotificationIdempotencyStore}: in this JVM, at most {@code maxSize} entries, each forgotten
 * {@code maxAge} after it was written; the oldest go first when full. Thread-safe.
 */
public final class InMemoryNotificationIdempotencyStore implements NotificationIdempotencyStore {

    /** The default bound on entries. */
    public static final int DEFAULT_MAX_SIZE = 100_000;

    /** The default age bound: longer than WeChat Pay's retry schedule (about 24 h). */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(25);

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    // insertion order, for evicting the oldest; may hold keys already replaced or removed
    private final ConcurrentLinkedQueue<Written> order = new ConcurrentLinkedQueue<>();

    private final AtomicInteger queued = new AtomicInteger();

    private final int maxSize;

    private final long maxAgeMillis;

    private final Clock clock;

    public InMemoryNotificationIdempotencyStore() {
        this(DEFAULT_MAX_SIZE, DEFAULT_MAX_AGE, Clock.systemUTC());
    }

    public InMemoryNotificationIdempotencyStore(int maxSize, Duration maxAge, Clock clock) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be at least 1 but was " + maxSize);
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive but was " + maxAge);
        }
        this.maxSize = maxSize;
        this.maxAgeMillis = maxAge.toMillis();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public @Nullable String putIfAbsent(String key, String value) {
        long now = this.clock.millis();
        Entry[] before = new Entry[1];
        Entry written = new Entry(value, now);
        this.entries.compute(key, (k, current) -> {
            if (current != null && !expired(current, now)) {
                before[0] = current;
                return current;
            }
            return written;
        });
        if (before[0] != null) {
            return before[0].value;
        }
        recordWrite(key, written);
        return null;
    }

    @Override
    public @Nullable String get(String key) {
        Entry entry = this.entries.get(key);
        return (entry != null && !expired(entry, this.clock.millis())) ? entry.value : null;
    }

    @Override
    public void put(String key, String value) {
        Entry written = new Entry(value, this.clock.millis());
        this.entries.put(key, written);
        recordWrite(key, written);
    }

    @Override
    public void remove(String key) {
        this.entries.remove(key);
    }

    /** The entries held now (expired ones not yet evicted included). */
    public int size() {
        return this.entries.size();
    }

    private void recordWrite(String key, Entry entry) {
        this.order.add(new Written(key, entry));
        this.queued.incrementAndGet();
        evict(this.clock.millis());
    }

    // oldest first; a record whose key was written again since removes nothing (remove(key, entry) fails)
    private void evict(long now) {
        Written oldest;
        while ((oldest = this.order.peek()) != null && (this.entries.size() > this.maxSize
                || this.queued.get() > 2L * this.maxSize || expired(oldest.entry, now))) {
            Written polled = this.order.poll();
            if (polled != null) {
                this.queued.decrementAndGet();
                this.entries.remove(polled.key, polled.entry);
            }
        }
    }

    private boolean expired(Entry entry, long now) {
        return now - entry.writtenAt >= this.maxAgeMillis;
    }

    @Override
    public String toString() {
        return "InMemoryNotificationIdempotencyStore[size=" + this.entries.size() + ", maxSize=" + this.maxSize
                + ", maxAge=" + Duration.ofMillis(this.maxAgeMillis) + "]";
    }

    private record Entry(String value, long writtenAt) {
    }

    private record Written(String key, Entry entry) {
    }
}
