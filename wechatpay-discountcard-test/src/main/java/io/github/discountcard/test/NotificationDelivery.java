package io.github.discountcard.test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One notification on its way to one URL: its attempts so far, and a future that completes when the simulator is
 * done with it (acknowledged, then any duplicate or replay sent; or retries exhausted; or refused once when it carries
 * a refusable fault). Thread-safe.
 */
public final class NotificationDelivery {

    private final String id;

    private final String eventType;

    private final URI url;

    private final Set<NotificationFault> faults;

    private final List<NotificationAttempt> attempts = new CopyOnWriteArrayList<>();

    private final CompletableFuture<NotificationDelivery> settled = new CompletableFuture<>();

    NotificationDelivery(String id, String eventType, URI url, Set<NotificationFault> faults) {
        this.id = id;
        this.eventType = eventType;
        this.url = url;
        this.faults = Set.copyOf(faults);
    }

    public String id() {
        return this.id;
    }

    public String eventType() {
        return this.eventType;
    }

    public URI url() {
        return this.url;
    }

    /** The faults this notification carries. */
    public Set<NotificationFault> faults() {
        return this.faults;
    }

    /** The attempts made so far, oldest first. */
    public List<NotificationAttempt> attempts() {
        return List.copyOf(this.attempts);
    }

    /** Whether an attempt was acknowledged (2xx). */
    public boolean acknowledged() {
        return this.attempts.stream().anyMatch(NotificationAttempt::acknowledged);
    }

    /** Completes when no further attempt will be made. */
    public CompletableFuture<NotificationDelivery> settled() {
        return this.settled;
    }

    /**
     * Waits until no further attempt will be made.
     * @throws IllegalStateException when that takes longer than {@code timeout}
     */
    public NotificationDelivery awaitSettled(Duration timeout) {
        try {
            return this.settled.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException ex) {
            throw new IllegalStateException("Notification " + this.id + " to " + this.url + " not settled after "
                    + timeout + "; attempts: " + this.attempts, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for notification " + this.id, ex);
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException("Notification " + this.id + " failed in the simulator", ex.getCause());
        }
    }

    /** The last attempt; {@link IllegalStateException} when none was made yet. */
    public NotificationAttempt lastAttempt() {
        List<NotificationAttempt> all = attempts();
        if (all.isEmpty()) {
            throw new IllegalStateException("Notification " + this.id + " has not been sent yet");
        }
        return all.get(all.size() - 1);
    }

    void record(NotificationAttempt attempt) {
        this.attempts.add(attempt);
    }

    void settle() {
        this.settled.complete(this);
    }

    void fail(Throwable error) {
        this.settled.completeExceptionally(error);
    }

    @Override
    public String toString() {
        return "NotificationDelivery[" + this.id + " " + this.eventType + " -> " + this.url + ", attempts="
                + this.attempts.size() + (this.settled.isDone() ? ", settled" : "") + "]";
    }
}
