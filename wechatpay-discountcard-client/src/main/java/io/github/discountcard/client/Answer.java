package io.github.discountcard.client;

import org.jspecify.annotations.Nullable;

/**
 * One answer, read once: its status, its exact body bytes (empty when there was none), its {@code Request-ID}
 * as received, and whether its signature verified. A 2xx answer exists only verified.
 */
record Answer(int status, byte[] body, @Nullable String requestId, boolean verified, @Nullable String retryAfter) {

    boolean isSuccess() {
        return this.status >= 200 && this.status < 300;
    }
}
