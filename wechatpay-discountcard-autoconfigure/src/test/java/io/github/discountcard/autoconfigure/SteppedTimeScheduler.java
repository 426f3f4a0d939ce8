package io.github.discountcard.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Virtual time for the certificate refresh in a running context. Periodic work (the scheduled refresh) and
 * delays beyond the first {@code instantDelays} live on a {@link VirtualTimeScheduler} and run only when the test
 * calls {@link #advance(Duration)}; the first {@code instantDelays} one-shot delays (the start-up back-offs, which
 * a blocking {@code start()} waits out) pass at once. Every one-shot delay asked for is recorded, so a test can
 * check the back-off without waiting for it.
 */
final class SteppedTimeScheduler implements Scheduler {

    private final VirtualTimeScheduler virtual = VirtualTimeScheduler.create();

    private final AtomicInteger instantDelays;

    private final List<Duration> delays = new CopyOnWriteArrayList<>();

    private final List<Worker> workers = new CopyOnWriteArrayList<>();

    SteppedTimeScheduler(int instantDelays) {
        this.instantDelays = new AtomicInteger(instantDelays);
    }

    /** The one-shot delays asked for so far, in order. */
    List<Duration> delays() {
        return List.copyOf(this.delays);
    }

    /** Moves virtual time on, running what falls due. */
    void advance(Duration duration) {
        this.virtual.advanceTimeBy(duration);
    }

    @Override
    public Disposable schedule(Runnable task) {
        return this.virtual.schedule(task);
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
        this.delays.add(Duration.ofNanos(unit.toNanos(delay)));
        if (this.instantDelays.getAndDecrement() > 0) {
            // off the caller's stack, as a real delay would be
            return Schedulers.parallel().schedule(task);
        }
        return this.virtual.schedule(task, delay, unit);
    }

    @Override
    public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
        return this.virtual.schedulePeriodically(task, initialDelay, period, unit);
    }

    @Override
    public long now(TimeUnit unit) {
        return this.virtual.now(unit);
    }

    /** Workers (each periodic schedule has one) not yet disposed. */
    long liveWorkers() {
        return this.workers.stream().filter((worker) -> !worker.isDisposed()).count();
    }

    @Override
    public Worker createWorker() {
        Worker worker = this.virtual.createWorker();
        this.workers.add(worker);
        return worker;
    }

    @Override
    public void dispose() {
        this.virtual.dispose();
    }
}
