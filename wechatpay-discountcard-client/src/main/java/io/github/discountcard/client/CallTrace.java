package io.github.discountcard.client;

import org.jspecify.annotations.Nullable;

/** What the attempts of one call saw, for its observation and log line. Written by one attempt at a time. */
final class CallTrace {

    volatile int attempts;

    volatile int status;

    volatile @Nullable String requestId;

    volatile byte @Nullable [] responseBody;

    void attempt() {
        this.attempts++;
        this.status = 0;
        this.requestId = null;
        this.responseBody = null;
    }

    void response(int status, @Nullable String requestId) {
        this.status = status;
        this.requestId = requestId;
    }
}
