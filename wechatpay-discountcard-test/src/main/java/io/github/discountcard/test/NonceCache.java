package io.github.discountcard.test;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The request nonces seen within the timestamp window, per merchant: a nonce used again while it is remembered is
 * a replay. Entries are forgotten once no request carrying them could still pass the timestamp check.
 */
final class NonceCache {

    private static final int SWEEP_EVERY = 1024;

    private final long windowSeconds;

    /** mchid + nonce -> the epoch second after which it is forgotten. */
    private final ConcurrentHashMap<String, Long> seen = new ConcurrentHashMap<>();

    private final AtomicInteger sinceSweep = new AtomicInteger();

    NonceCache(long windowSeconds) {
        this.windowSeconds = windowSeconds;
    }

    /** Records the nonce; {@code false} when it was already used (a replay). */
    boolean claim(String mchId, String nonce, long requestTimestamp, long nowSeconds) {
        long forgetAfter = Math.max(requestTimestamp, nowSeconds) + this.windowSeconds + 1;
        boolean[] fresh = { false };
        this.seen.compute(mchId + '\n' + nonce, (key, current) -> {
            if (current != null && current >= nowSeconds) {
                return current;
            }
            fresh[0] = true;
            return forgetAfter;
        });
        if (this.sinceSweep.incrementAndGet() >= SWEEP_EVERY) {
            this.sinceSweep.set(0);
            this.seen.values().removeIf((expiry) -> expiry < nowSeconds);
        }
        return fresh[0];
    }
}
