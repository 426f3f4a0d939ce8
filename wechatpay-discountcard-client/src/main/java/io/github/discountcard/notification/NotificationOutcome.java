package io.github.discountcard.notification;

/** What became of one delivery; the {@code outcome} tag of the notification observation and its log line. */
public enum NotificationOutcome {

    /** Every handler that takes the event completed: acknowledged. */
    HANDLED(false),

    /** The id was handled before (a duplicate delivery): acknowledged without calling the handlers. */
    DUPLICATE(false),

    /** No handler takes the event type: acknowledged and logged at WARN. */
    UNHANDLED(false),

    /** The signature did not verify (missing header, unknown serial, stale timestamp, probe …): refused. */
    REJECTED_SIGNATURE(true),

    /** The same signed request came again while its notification was not handled: refused. */
    REJECTED_REPLAY(true),

    /** The body is over the size limit: refused without reading the rest. */
    REJECTED_TOO_LARGE(true),

    /** The body is not JSON or the envelope lacks a required field: refused. */
    REJECTED_MALFORMED(true),

    /** The resource does not decrypt with the APIv3 key: refused. */
    REJECTED_UNDECRYPTABLE(true),

    /** Another delivery of the id is being handled (on another instance): failure, so WeChat Pay delivers again. */
    IN_PROGRESS(true),

    /** A handler failed: failure reply, WeChat Pay delivers again. */
    HANDLER_FAILED(true),

    /** A handler was still running when the reply budget ran out: failure reply, WeChat Pay delivers again. */
    HANDLER_TIMEOUT(true),

    /** An unexpected error in this library: failure reply. */
    INTERNAL_ERROR(true);

    private final boolean failure;

    NotificationOutcome(boolean failure) {
        this.failure = failure;
    }

    /** Whether the reply is a failure (non-2xx). */
    public boolean isFailure() {
        return this.failure;
    }
}
