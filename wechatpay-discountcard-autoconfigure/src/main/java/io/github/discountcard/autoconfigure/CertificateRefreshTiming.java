package io.github.discountcard.autoconfigure;

import java.time.Clock;
import java.util.Objects;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Where the platform certificate refresh waits and what time it reads: the scheduled refresh, the start-up
 * retries and the background retries wait on {@link #scheduler()}; the refresh's rate limit and expiry checks
 * read {@link #clock()}. The auto-configuration uses {@link Schedulers#parallel()} and the system clock; define a
 * bean of this type to run the refresh on another scheduler (in tests, a virtual-time scheduler such as
 * reactor-test's {@code VirtualTimeScheduler}, so back-offs and intervals pass without waiting).
 * <p>
 * Its own type rather than a bare {@link Scheduler} bean, so that an application's own {@code Scheduler} beans are
 * never picked up by, or confused with, this one.
 *
 * @param scheduler where the refresh's intervals and back-offs wait
 * @param clock the time the refresh reads
 */
public record CertificateRefreshTiming(Scheduler scheduler, Clock clock) {

    public CertificateRefreshTiming {
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(clock, "clock");
    }

    /** The production timing: {@link Schedulers#parallel()} and the system clock (UTC). */
    public static CertificateRefreshTiming system() {
        return new CertificateRefreshTiming(Schedulers.parallel(), Clock.systemUTC());
    }
}
