package io.github.discountcard.client;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The timer behind each call's overall timeout ({@code callTimeout}): a hashed wheel that ticks every 20 ms on
 * one daemon thread of its own, started on first use and shared by every client.
 * <p>
 * Every call arms a timeout and nearly every call disarms it long before it fires. On Reactor's default
 * (parallel) scheduler each arm is a task in a {@code ScheduledThreadPoolExecutor}, whose queue lock is taken
 * twice per call and whose worker thread is woken whenever the new task is the earliest one: with one call in
 * flight, a thread wake-up per call. Arming and disarming a wheel timeout is a lock-free queue offer each, and
 * its thread wakes on its own tick only. A timeout fires within one tick of its deadline.
 */
final class CallTimer implements Scheduler {

    private static final long TICK_MILLIS = 20;

    private final HashedWheelTimer wheel = new HashedWheelTimer(
            new DefaultThreadFactory("wechatpay-call-timer", true), TICK_MILLIS, TimeUnit.MILLISECONDS);

    private CallTimer() {
    }

    /** {@code call}, failing with a {@link TimeoutException} when it is not done within {@code timeout}. */
    static <T> Mono<T> bound(Mono<T> call, Duration timeout) {
        return new Named<>(call).timeout(timeout, Shared.TIMER);
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
        Timeout timeout;
        try {
            timeout = this.wheel.newTimeout((expired) -> task.run(), delay, unit);
        }
        catch (IllegalStateException ex) {
            throw new RejectedExecutionException("The call timer is stopped", ex);
        }
        return new Disposable() {

            @Override
            public void dispose() {
                timeout.cancel();
            }

            @Override
            public boolean isDisposed() {
                return timeout.isCancelled() || timeout.isExpired();
            }
        };
    }

    @Override
    public Disposable schedule(Runnable task) {
        return schedule(task, 0, TimeUnit.MILLISECONDS);
    }

    /** Not used by a timeout; a worker of Reactor's parallel scheduler for any other use. */
    @Override
    public Worker createWorker() {
        return Schedulers.parallel().createWorker();
    }

    /**
     * The call under a name of its own. Reactor's timeout describes its source by name on every subscription, and
     * without one it derives a name from the operator's class (a regular expression and two streams per call).
     * Subscribing passes straight through.
     */
    private static final class Named<T> extends MonoOperator<T, T> {

        Named(Mono<? extends T> source) {
            super(source);
        }

        @Override
        public void subscribe(CoreSubscriber<? super T> actual) {
            this.source.subscribe(actual);
        }

        @Override
        public @Nullable Object scanUnsafe(Attr key) {
            return (key == Attr.NAME) ? "wechatpay call" : super.scanUnsafe(key);
        }
    }

    /** Made on first use: a client that never calls starts no thread. */
    private static final class Shared {

        static final CallTimer TIMER = new CallTimer();
    }
}
