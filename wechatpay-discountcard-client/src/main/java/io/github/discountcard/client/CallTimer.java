package io.github.discountcard.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Function;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.TimerTask;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * Each call's overall timeout ({@code callTimeout}) on a hashed wheel that ticks every 20 ms on one daemon thread
 * of its own, started on first use and shared by every client.
 * <p>
 * Every call arms a timeout and nearly every call disarms it long before it fires, so arming must be cheap. A
 * wheel timeout is armed and disarmed with a lock-free queue offer each, and the wheel's thread wakes on its own
 * tick only. Reactor's {@code timeout} operator, even on this wheel, builds a {@code Mono.delay}, a second
 * subscriber and a description of its source for every call; {@link #bound} is one subscriber that holds the
 * wheel timeout itself. A timeout fires within one tick of its deadline.
 */
final class CallTimer {

    private static final long TICK_MILLIS = 20;

    private final HashedWheelTimer wheel = new HashedWheelTimer(
            new DefaultThreadFactory("wechatpay-call-timer", true), TICK_MILLIS, TimeUnit.MILLISECONDS);

    private CallTimer() {
    }

    /**
     * {@code call}, failing with {@code onTimeout}'s exception (given the {@link TimeoutException}) when it is not
     * done within {@code timeout}; the call is then cancelled, and whatever it signals later is dropped.
     */
    static <T> Mono<T> bound(Mono<T> call, Duration timeout,
            Function<TimeoutException, ? extends Throwable> onTimeout) {
        return new Bounded<>(call, timeout, onTimeout);
    }

    private Timeout arm(TimerTask task, Duration delay) {
        return this.wheel.newTimeout(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static final class Bounded<T> extends MonoOperator<T, T> {

        private final Duration timeout;

        private final Function<TimeoutException, ? extends Throwable> onTimeout;

        Bounded(Mono<? extends T> source, Duration timeout, Function<TimeoutException, ? extends Throwable> onTimeout) {
            super(source);
            this.timeout = timeout;
            this.onTimeout = onTimeout;
        }

        @Override
        public void subscribe(CoreSubscriber<? super T> actual) {
            this.source.subscribe(new Deadline<>(actual, this.timeout, this.onTimeout));
        }
    }

    /**
     * Passes the call's signals on until its deadline. Whoever moves the state away from {@code RUNNING} first
     * decides: the answer (or failure) goes on and the timer is disarmed, or the deadline fails the call and
     * cancels it, or the subscriber cancelled.
     */
    private static final class Deadline<T> implements CoreSubscriber<T>, Subscription, TimerTask {

        private static final int RUNNING = 0;

        private static final int SIGNALLED = 1;

        private static final int TIMED_OUT = 2;

        private static final int CANCELLED = 3;

        @SuppressWarnings("rawtypes")
        private static final AtomicIntegerFieldUpdater<Deadline> STATE = AtomicIntegerFieldUpdater
            .newUpdater(Deadline.class, "state");

        private final CoreSubscriber<? super T> actual;

        private final Duration timeout;

        private final Function<TimeoutException, ? extends Throwable> onTimeout;

        private volatile int state;

        private volatile @Nullable Timeout timer;

        private @Nullable Subscription upstream;

        Deadline(CoreSubscriber<? super T> actual, Duration timeout,
                Function<TimeoutException, ? extends Throwable> onTimeout) {
            this.actual = actual;
            this.timeout = timeout;
            this.onTimeout = onTimeout;
        }

        @Override
        public Context currentContext() {
            return this.actual.currentContext();
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            if (!Operators.validate(this.upstream, subscription)) {
                return;
            }
            this.upstream = subscription;
            this.actual.onSubscribe(this);
            if (this.state == RUNNING) { // armed once the subscriber holds its subscription: a timeout may follow
                Timeout armed = Shared.TIMER.arm(this, this.timeout);
                this.timer = armed;
                if (this.state != RUNNING) { // signalled or cancelled while arming
                    armed.cancel();
                }
            }
        }

        @Override
        public void onNext(T value) {
            if (STATE.compareAndSet(this, RUNNING, SIGNALLED)) {
                disarm();
                this.actual.onNext(value);
            }
            else {
                Operators.onNextDropped(value, this.actual.currentContext());
            }
        }

        @Override
        public void onError(Throwable failure) {
            if (STATE.compareAndSet(this, RUNNING, SIGNALLED)) {
                disarm();
                this.actual.onError(failure);
            }
            else if (this.state == SIGNALLED) { // after a value
                this.actual.onError(failure);
            }
            else {
                Operators.onErrorDropped(failure, this.actual.currentContext());
            }
        }

        @Override
        public void onComplete() {
            if (STATE.compareAndSet(this, RUNNING, SIGNALLED)) { // empty
                disarm();
                this.actual.onComplete();
            }
            else if (this.state == SIGNALLED) { // after a value
                this.actual.onComplete();
            }
        }

        /** The deadline, on the wheel's thread. */
        @Override
        public void run(Timeout expired) {
            if (STATE.compareAndSet(this, RUNNING, TIMED_OUT)) {
                upstream().cancel();
                this.actual.onError(this.onTimeout.apply(new TimeoutException(
                        "Did not complete within " + this.timeout.toMillis() + " ms")));
            }
        }

        @Override
        public void request(long n) {
            upstream().request(n);
        }

        @Override
        public void cancel() {
            if (STATE.getAndSet(this, CANCELLED) == RUNNING) {
                disarm();
            }
            upstream().cancel();
        }

        private void disarm() {
            Timeout armed = this.timer;
            if (armed != null) {
                armed.cancel();
            }
        }

        private Subscription upstream() {
            Subscription subscription = this.upstream;
            if (subscription == null) {
                throw new IllegalStateException("Not subscribed");
            }
            return subscription;
        }
    }

    /** Made on first use: a client that never calls starts no thread. */
    private static final class Shared {

        static final CallTimer TIMER = new CallTimer();
    }
}
