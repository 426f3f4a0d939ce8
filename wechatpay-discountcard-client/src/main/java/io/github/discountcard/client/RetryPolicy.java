package io.github.discountcard.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * When and how often a failed call is tried again: Reactor's
 * {@link reactor.util.retry.Retry#backoff exponential backoff} with jitter, bounded in attempts.
 * <p>
 * A query ({@code GET}) is retried on connection errors, timeouts, 5xx and 429 (waiting at least the
 * {@code Retry-After} WeChat Pay sends). An idempotent write, such as the order update ({@code PATCH}), is
 * retried on connection errors, timeouts and 5xx only: a PATCH that may have reached WeChat Pay is safe to send
 * again <em>because</em> every objective and reward record carries a serial number that WeChat Pay applies
 * once, so a repeat counts once. Any other write is never retried. Other 4xx
 * answers, failed signature checks and invalid input are never retried: trying again cannot fix them. Every
 * attempt is signed afresh (new nonce and timestamp).
 *
 * @param maxAttempts the most attempts per call, the first included (1 turns retries off)
 * @param initialBackoff the wait before the first retry, doubled for each further one
 * @param maxBackoff the longest wait between attempts; a {@code Retry-After} longer than this is not waited for
 * @param jitter the random share of each wait, from 0 to 1
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter) {

    /** Three attempts, 200 ms then 400 ms apart (±50 %), never more than 2 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(2), 0.5);

    /** One attempt. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ofMillis(200), Duration.ofSeconds(2), 0.5);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1 but was " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("Backoff must satisfy 0 <= initialBackoff <= maxBackoff but was "
                    + initialBackoff + " and " + maxBackoff);
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be between 0 and 1 but was " + jitter);
        }
    }

    /**
     * The attempts of one call: {@code attempt} (subscribed afresh for each), tried again after a failure this
     * policy retries. The waits are Reactor's {@link reactor.util.retry.Retry#backoff exponential backoff} with
     * jitter, after any {@code Retry-After} of a 429. Built from one {@code onErrorResume} per attempt: a call
     * that succeeds first time (nearly all) sets up no retry machinery at all.
     * @param query whether the call only reads ({@code GET})
     * @param idempotentWrite whether a write that may have reached WeChat Pay is safe to send again
     */
    <T> Mono<T> apply(Mono<T> attempt, boolean query, boolean idempotentWrite) {
        if (this.maxAttempts == 1 || (!query && !idempotentWrite)) {
            return attempt;
        }
        return attempt(attempt, query, idempotentWrite, 0);
    }

    private <T> Mono<T> attempt(Mono<T> attempt, boolean query, boolean idempotentWrite, int retries) {
        return attempt.onErrorResume((failure) -> {
            if (retries + 1 >= this.maxAttempts || !isRetryable(failure, query, idempotentWrite)) {
                return Mono.error(failure);
            }
            Mono<T> again = attempt(attempt, query, idempotentWrite, retries + 1);
            Duration backoff = backoff(retries);
            Mono<T> afterBackoff = backoff.isZero() ? again : Mono.delay(backoff).then(again);
            Duration retryAfter = retryAfter(failure);
            return (retryAfter != null) ? Mono.delay(retryAfter).then(afterBackoff) : afterBackoff;
        });
    }

    /**
     * The wait before retry number {@code retries + 1}: {@code initialBackoff * 2^retries}, at most
     * {@code maxBackoff}, plus or minus up to {@code jitter} of it (kept between the two bounds), as Reactor's
     * {@code RetryBackoffSpec} computes it.
     */
    Duration backoff(int retries) {
        Duration next;
        try {
            next = this.initialBackoff.multipliedBy((long) Math.pow(2, retries));
            if (next.compareTo(this.maxBackoff) > 0) {
                next = this.maxBackoff;
            }
        }
        catch (ArithmeticException overflow) {
            next = this.maxBackoff;
        }
        if (next.isZero()) {
            return next;
        }
        long jitterOffset;
        try {
            jitterOffset = next.multipliedBy((long) (100 * this.jitter)).dividedBy(100).toMillis();
        }
        catch (ArithmeticException overflow) {
            jitterOffset = Math.round(Long.MAX_VALUE * this.jitter);
        }
        long low = Math.max(this.initialBackoff.toMillis() - next.toMillis(), -jitterOffset);
        long high = Math.min(this.maxBackoff.toMillis() - next.toMillis(), jitterOffset);
        long jitterMillis;
        if (high == low) {
            jitterMillis = (high == 0) ? 0 : ThreadLocalRandom.current().nextLong(high);
        }
        else {
            jitterMillis = ThreadLocalRandom.current().nextLong(low, high);
        }
        return next.plusMillis(jitterMillis);
    }

    /**
     * The one rule for what is tried again. A query: transport failures (timeouts included), 5xx, and 429 unless
     * its {@code Retry-After} is longer than {@code maxBackoff}. An idempotent write: transport failures and 5xx
     * (not 429: a rate limit is no reason to repeat a write). Any other write: never. Signature failures, other
     * 4xx, invalid input or answers: never.
     */
    boolean isRetryable(Throwable failure, boolean query, boolean idempotentWrite) {
        if (!query && !idempotentWrite) {
            return false;
        }
        if (failure instanceof WechatPayTransportException) {
            return true; // connection failures and timeouts (WechatPayTimeoutException) alike
        }
        if (failure instanceof WechatPayServiceException error && isRetryableStatus(error.statusCode())) {
            if (error.statusCode() != 429) {
                return true;
            }
            Duration retryAfter = error.retryAfter();
            return query && (retryAfter == null || retryAfter.compareTo(this.maxBackoff) <= 0);
        }
        return false;
    }

    /** Whether an answer with this HTTP status may succeed when asked again: 429 and 5xx. */
    public static boolean isRetryableStatus(int status) {
        return status == 429 || status >= 500;
    }

    private static @Nullable Duration retryAfter(Throwable failure) {
        return (failure instanceof WechatPayServiceException error && error.statusCode() == 429) ? error.retryAfter()
                : null;
    }
}
