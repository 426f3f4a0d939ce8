package io.github.discountcard.test;

import java.net.URI;
import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One HTTP delivery attempt of a notification and the endpoint's answer, as the simulator recorded it.
 * @param id the notification id
 * @param eventType the event type
 * @param url where it was posted
 * @param attempt 1 for the first delivery, 2 for the first retry …; duplicates and replays continue the count
 * @param faults the faults this attempt carried (empty for a clean one)
 * @param sentAt when the attempt was sent (simulator clock)
 * @param status the HTTP status of the answer, or 0 when there was none ({@link #error()} says why)
 * @param replyBody the answer's body as text (empty when none)
 * @param error the transport failure (refused connection, timeout …), or {@code null}
 */
public record NotificationAttempt(String id, String eventType, URI url, int attempt, Set<NotificationFault> faults,
        Instant sentAt, int status, String replyBody, @Nullable String error) {

    public NotificationAttempt {
        faults = Set.copyOf(faults);
    }

    /** Whether WeChat Pay would take this answer as received: HTTP 200 or 204 (any 2xx here). */
    public boolean acknowledged() {
        return this.status >= 200 && this.status < 300;
    }
}
