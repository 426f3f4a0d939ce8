package io.github.discountcard.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.NonBlocking;
import reactor.util.context.Context;

/**
 * Each call's overall timeout ({@code callTimeout}), watched by one daemon thread of its own that looks about every
 * 20 ms, started on first use and shared by every client.
 * <p>
 * Every call arms a timeout and nearly every call is done long before it fires, so arming must be cheap and being
 * done must cost the call nothing. Arming is one lock-free queue offer; a call that is done only changes its own
 * state, which it does anyway. The watcher takes the armed calls off the queue, forgets those that are done, and
 * keeps the others until they are done or due. A timer wheel (Netty's {@code HashedWheelTimer}, used here before)
 * also queues every cancellation, moves each timeout into a bucket and out again, and counts them all in one
 * shared atomic: in the benchmark's profile that was 2.4 µs per call, the largest single cost of this client's
 * own layer. Reactor's {@code timeout} operator builds a {@code Mono.delay}, a second subscriber and a
 * description of its source for every call. A timeout usually fires within about 20 ms of its deadline, later
 * when the watcher is busy delivering other timeouts; it delivers them on a {@link NonBlocking} thread, so a
 * subscriber that would block there fails instead of stalling every other timeout.
 */
final class CallTimer {

    private static final Log logger = LogFactory.getLog(CallTimer.class);

    private static final long LOOK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** Armed since the watcher last looked; offered by any thread, taken by the watcher only. */
    private final Queue<Deadline<?>> armed = new ConcurrentLinkedQueue<>();

    /** Still running when the watcher last looked; the watcher's own. */
    private final List<Deadline<?>> watched = new ArrayList<>();

    private CallTimer() {
        Thread watcher = new Watcher(this::watch);
        watcher.setDaemon(true);
        watcher.setContextClassLoader(CallTimer.class.getClassLoader()); // not the first caller's
        watcher.start();
    }

    /**
     * {@code call}, failing with {@code onTimeout}'s exception (given the {@link TimeoutException}) when it is not
     * done within {@code timeout}; the call is then cancelled, and whatever it signals later is dropped.
     */
    static <T> Mono<T> bound(Mono<T> call, Duration timeout,
            Function<TimeoutException, ? extends Throwable> onTimeout) {
        return new Bounded<>(call, timeout, onTimeout);
    }

    private void arm(Deadline<?> deadline) {
        this.armed.offer(deadline);
    }

    private void watch() {
        while (true) {
            LockSupport.parkNanos(LOOK_NANOS);
            Thread.interrupted(); // an interrupt would make every park return at once
            try {
                look(System.nanoTime());
            }
            catch (Throwable ex) { // whatever it was, every other call's timeout still depends on the next look
                logger.error("The call timer's look failed; it goes on", ex);
            }
        }
    }

    /** Forgets the calls that are done and fails those that are due. */
    private void look(long now) {
        Deadline<?> next;
        while ((next = this.armed.poll()) != null) {
            if (next.isRunning()) {
                this.watched.add(next);
            }
        }
        this.watched.removeIf((deadline) -> !deadline.isRunning() || expireIfDue(deadline, now));
    }

    /** Whatever a late call's subscriber throws stays with that call: the watcher goes on for every other one. */
    private static boolean expireIfDue(Deadline<?> deadline, long now) {
        try {
            return deadline.expireIfDue(now);
        }
        catch (Throwable ex) {
            Operators.onErrorDropped(ex, deadline.currentContext());
            return true;
        }
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
     * decides: the answer (or failure) goes on (and the watcher forgets the call), or the deadline fails the call
     * and cancels it, or the subscriber cancelled.
     */
    private static final class Deadline<T> implements CoreSubscriber<T>, Subscription {

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

        /** {@link System#nanoTime()} when the call is due; set before it is armed. */
        private long due;

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
                this.due = System.nanoTime() + this.timeout.toNanos();
                Shared.TIMER.arm(this);
            }
        }

        @Override
        public void onNext(T value) {
            if (STATE.compareAndSet(this, RUNNING, SIGNALLED)) {
                this.actual.onNext(value);
            }
            else {
                Operators.onNextDropped(value, this.actual.currentContext());
            }
        }

        @Override
        public void onError(Throwable failure) {
            if (STATE.compareAndSet(this, RUNNING, SIGNALLED)) {
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
                this.actual.onComplete();
            }
            else if (this.state == SIGNALLED) { // after a value
                this.actual.onComplete();
            }
        }

        boolean isRunning() {
            return this.state == RUNNING;
        }

        /** On the watcher's thread: fails and cancels the call when it is due; whether it did. */
        boolean expireIfDue(long now) {
            if (now - this.due < 0 || !STATE.compareAndSet(this, RUNNING, TIMED_OUT)) {
                return false;
            }
            upstream().cancel();
            TimeoutException late = new TimeoutException("Did not complete within " + this.timeout.toMillis() + " ms");
            Throwable failure;
            try {
                failure = this.onTimeout.apply(late);
            }
            catch (Throwable ex) { // the caller still learns that its call ended
                ex.addSuppressed(late);
                failure = ex;
            }
            this.actual.onError(failure);
            return true;
        }

        @Override
        public void request(long n) {
            upstream().request(n);
        }

        @Override
        public void cancel() {
            this.state = CANCELLED;
            upstream().cancel();
        }

        private Subscription upstream() {
            Subscription subscription = this.upstream;
            if (subscription == null) {
                throw new IllegalStateException("Not subscribed");
            }
            return subscription;
        }
    }

    /** Reactor refuses to block on a {@link NonBlocking} thread. */
    private static final class Watcher extends Thread implements NonBlocking {

        Watcher(Runnable watch) {
            super(null, watch, "wechatpay-call-timer", 0, false); // no inheritable thread locals of the first caller
        }
    }

    /** Made on first use: a client that never calls starts no thread. */
    private static final class Shared {

        static final CallTimer TIMER = new CallTimer();
    }
}
