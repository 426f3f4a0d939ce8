package io.github.discountcard.client;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * When and how often a failed call is tried again: Reactor's {@link Retry#backoff exponential backoff} with
 * jitter, bounded in attempts.
 * <p>
 * A query ({@code GET}) is retried on connection errors, timeouts, 5xx and 429 (waiting at least the
 * {@code Retry-After} WeChat Pay sends). An update ({@code PATCH}) is retried on connection errors, timeouts
 * and 5xx only: a PATCH that may have reached WeChat Pay is safe to send again <em>because</em> every objective
 * and reward record carries a serial number that WeChat Pay applies once, so a repeat counts once. Other 4xx
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

    /** The retry spec for one kind of call. */
    Retry retry(boolean update) {
        RetryBackoffSpec spec = Retry.backoff(this.maxAttempts - 1L, this.initialBackoff)
            .maxBackoff(this.maxBackoff)
            .jitter(this.jitter)
            .filter((failure) -> isRetryable(failure, update))
            .onRetryExhaustedThrow((retrySpec, signal) -> signal.failure());
        // honour Retry-After: wait for it before the usual backoff
        return spec.doBeforeRetryAsync((signal) -> {
            Duration retryAfter = retryAfter(signal.failure());
            return (retryAfter != null) ? Mono.delay(retryAfter).then() : Mono.empty();
        });
    }

    boolean isRetryable(Throwable failure, boolean update) {
        if (failure instanceof WechatPayTransportException) {
            return true; // connection failures and timeouts (WechatPayTimeoutException) alike
        }
        if (failure instanceof WechatPayServiceException error) {
            if (error.statusCode() >= 500) {
                return true;
            }
            if (error.statusCode() == 429 && !update) {
                Duration retryAfter = error.retryAfter();
                return retryAfter == null || retryAfter.compareTo(this.maxBackoff) <= 0;
            }
        }
        return false;
    }

    private static @Nullable Duration retryAfter(Throwable failure) {
        return (failure instanceof WechatPayServiceException error && error.statusCode() == 429) ? error.retryAfter()
                : null;
    }
}
