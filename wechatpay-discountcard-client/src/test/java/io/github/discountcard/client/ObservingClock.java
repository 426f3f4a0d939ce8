package io.github.discountcard.client;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock in UTC, running {@code onRead} each time the time is read. A {@code RequestSigner} reads it once
 * per signature, so a test can count signatures, see which thread made them, or make signing fail.
 */
final class ObservingClock extends Clock {

    private final Runnable onRead;

    ObservingClock(Runnable onRead) {
        this.onRead = onRead;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a test clock stays in UTC");
    }

    @Override
    public Instant instant() {
        this.onRead.run();
        return Instant.now();
    }
}
