package io.github.discountcard.test;

import java.util.ArrayDeque;
import java.util.Deque;

import org.jspecify.annotations.Nullable;

/**
 * The faults to inject: queued ones (each for a number of requests, in order) first, then the persistent one.
 * Thread-safe; each request takes its fault exactly once.
 */
final class FaultSchedule {

    private final Deque<Pending> queued = new ArrayDeque<>();

    private @Nullable Fault persistent;

    synchronized void failNext(Fault fault, int times) {
        if (times < 0) {
            throw new IllegalArgumentException("times must not be negative but was " + times);
        }
        if (times > 0) {
            this.queued.addLast(new Pending(fault, times));
        }
    }

    synchronized void setPersistent(@Nullable Fault fault) {
        this.persistent = fault;
    }

    synchronized void clear() {
        this.queued.clear();
        this.persistent = null;
    }

    /** The fault for the request that just arrived, or {@code null} for none. */
    synchronized @Nullable Fault next() {
        Pending head = this.queued.peekFirst();
        if (head == null) {
            return this.persistent;
        }
        if (--head.remaining == 0) {
            this.queued.removeFirst();
        }
        return head.fault;
    }

    private static final class Pending {

        final Fault fault;

        int remaining;

        Pending(Fault fault, int remaining) {
            this.fault = fault;
            this.remaining = remaining;
        }
    }
}
