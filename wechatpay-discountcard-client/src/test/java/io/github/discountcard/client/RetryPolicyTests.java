package io.github.discountcard.client;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The waits between attempts: Reactor's exponential backoff with jitter, computed without Reactor's spec. */
class RetryPolicyTests {

    @Test
    void waitsDoubleWithinTheirJitterAndNeverPassTheBounds() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(2), 0.5);
        for (int i = 0; i < 200; i++) {
            assertThat(policy.backoff(0)).isBetween(Duration.ofMillis(200), Duration.ofMillis(300));
            assertThat(policy.backoff(1)).isBetween(Duration.ofMillis(200), Duration.ofMillis(600));
            assertThat(policy.backoff(2)).isBetween(Duration.ofMillis(400), Duration.ofMillis(1200));
            assertThat(policy.backoff(5)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
            assertThat(policy.backoff(80)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        }
    }

    @Test
    void withoutJitterTheWaitsAreExact() {
        RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(30), 0);
        assertThat(policy.backoff(0)).isEqualTo(Duration.ofMillis(10));
        assertThat(policy.backoff(1)).isEqualTo(Duration.ofMillis(20));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofMillis(30));
        assertThat(new RetryPolicy(2, Duration.ZERO, Duration.ZERO, 0.5).backoff(0)).isZero();
    }
}
