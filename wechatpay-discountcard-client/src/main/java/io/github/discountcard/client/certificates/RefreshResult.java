package io.github.discountcard.client.certificates;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one certificate refresh.
 * @param at when it finished
 * @param successful whether the registry was updated
 * @param serials the certificate serials loaded (empty on failure)
 * @param error what went wrong, or {@code null}
 */
public record RefreshResult(Instant at, boolean successful, List<String> serials, @Nullable String error) {

    static RefreshResult success(Instant at, List<String> serials) {
        return new RefreshResult(at, true, List.copyOf(serials), null);
    }

    static RefreshResult failure(Instant at, Throwable error) {
        return new RefreshResult(at, false, List.of(), error.getMessage());
    }
}
