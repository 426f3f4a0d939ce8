package io.github.discountcard.client;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.StepVerifierOptions;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;

/** The call timeout's own operator: it passes every signal of a call in time on, and fails and cancels a late one. */
class CallTimerTests {

    private static final Duration LONG = Duration.ofSeconds(30);

    private static final Duration SHORT = Duration.ofMillis(50);

    @Test
    void aValueInTimeGoesOnWithItsCompletion() {
        StepVerifier.create(CallTimer.bound(Mono.just("answer"), LONG, IllegalStateException::new))
            .expectNext("answer")
            .verifyComplete();
    }

    @Test
    void anEmptyCallAndAFailureInTimeGoOn() {
        StepVerifier.create(CallTimer.bound(Mono.empty(), LONG, IllegalStateException::new)).verifyComplete();
        StepVerifier.create(CallTimer.bound(Mono.error(new ArithmeticException("own")), LONG,
                IllegalStateException::new))
            .verifyErrorMessage("own");
    }

    @Test
    void aLateCallFailsWithTheMappedExceptionAndIsCancelled() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Mono<String> never = Mono.<String>never().doOnCancel(() -> cancelled.set(true));
        StepVerifier.create(CallTimer.bound(never, SHORT, (timeout) -> new IllegalStateException("late", timeout)))
            .expectErrorSatisfies((failure) -> {
                assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessage("late");
                assertThat(failure.getCause()).isInstanceOf(TimeoutException.class);
            })
            .verify(Duration.ofSeconds(10));
        assertThat(cancelled).isTrue();
    }

    @Test
    void aMappingThatFailsStillEndsTheCallAndTheNextTimeoutFires() {
        StepVerifier.create(CallTimer.bound(Mono.never(), SHORT, (timeout) -> {
            throw new IllegalStateException("the mapping itself fails");
        }))
            .expectErrorSatisfies((failure) -> {
                assertThat(failure).hasMessage("the mapping itself fails");
                assertThat(failure.getSuppressed()).singleElement().isInstanceOf(TimeoutException.class);
            })
            .verify(Duration.ofSeconds(10));
        StepVerifier.create(CallTimer.bound(Mono.never(), SHORT, (timeout) -> new IllegalStateException("late")))
            .expectErrorMessage("late")
            .verify(Duration.ofSeconds(10));
    }

    @Test
    void blockingOnTheTimersThreadFailsInsteadOfStallingIt() {
        StepVerifier.create(CallTimer.bound(Mono.never(), SHORT, (timeout) -> {
            Mono.never().block(); // what an error handler must not do on the thread every timeout shares
            return new IllegalStateException("unreachable");
        }))
            .expectErrorSatisfies((failure) -> assertThat(failure).hasMessageContaining("blocking"))
            .verify(Duration.ofSeconds(10));
    }

    @Test
    void cancellingTheCallCancelsItsSource() {
        AtomicBoolean cancelled = new AtomicBoolean();
        StepVerifier.create(CallTimer.bound(Mono.never().doOnCancel(() -> cancelled.set(true)), LONG,
                IllegalStateException::new))
            .thenCancel()
            .verify(Duration.ofSeconds(10));
        assertThat(cancelled).isTrue();
    }

    @Test
    void theSubscribersContextReachesTheCall() {
        Mono<String> call = Mono.deferContextual((context) -> Mono.just(context.get("caller")));
        StepVerifierOptions options = StepVerifierOptions.create().withInitialContext(Context.of("caller", "handler"));
        StepVerifier.create(CallTimer.bound(call, LONG, IllegalStateException::new), options)
            .expectNext("handler")
            .verifyComplete();
    }
}
