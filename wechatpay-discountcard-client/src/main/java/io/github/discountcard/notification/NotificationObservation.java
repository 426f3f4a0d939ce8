package io.github.discountcard.notification;

import java.util.concurrent.TimeUnit;

import io.github.discountcard.core.VerificationFailure;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One Micrometer {@link Observation} ({@value #NAME}) and one log line per delivery: DEBUG when acknowledged, WARN
 * when refused, failed or taken by no handler. Tags are low-cardinality: event type, outcome and, for a signature
 * failure, its {@code reason} ({@code VerificationFailure}, else {@code NONE}). The log line has the notification
 * id, event type, outcome, status, reason and {@code Request-ID}; never a key, openids only masked, and the decrypted
 * resource only when body logging is on.
 */
final class NotificationObservation {

    /** The observation name; Boot's metrics make it a timer of the same name. */
    static final String NAME = "wechatpay.discountcard.notifications";

    private static final Log logger = LogFactory.getLog(NotificationProcessor.class);

    private final ObservationRegistry registry;

    private final boolean logBodies;

    NotificationObservation(ObservationRegistry registry, boolean logBodies) {
        this.registry = registry;
        this.logBodies = logBodies;
    }

    NotificationReply finish(NotificationProcessor.Trace trace, NotificationProcessor.Result result) {
        String eventType = (trace.eventType != null) ? trace.eventType : "NONE";
        if (!this.registry.isNoop()) {
            VerificationFailure failure = trace.verificationFailure;
            Observation observation = Observation.start(NAME, this.registry)
                .lowCardinalityKeyValue("event.type", tagValue(eventType))
                .lowCardinalityKeyValue("outcome", result.outcome().name())
                .lowCardinalityKeyValue("reason", (failure != null) ? failure.name() : "NONE");
            if (result.error() != null) {
                observation.error(result.error());
            }
            observation.stop();
        }
        boolean warn = result.outcome().isFailure() || result.outcome() == NotificationOutcome.UNHANDLED;
        if (warn ? logger.isWarnEnabled() : logger.isDebugEnabled()) {
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - trace.started);
            StringBuilder line = new StringBuilder("WeChat Pay notification ")
                .append((trace.id != null) ? printable(trace.id) : "(no id)").append(' ').append(printable(eventType))
                .append(" -> ").append(result.outcome()).append(" (").append(result.reply().status()).append(")");
            if (result.detail() != null) {
                line.append(": ").append(printable(result.detail()));
            }
            Throwable error = result.error();
            if (error != null) {
                // the type only: a handler's message may carry personal data; its stack trace follows at DEBUG
                line.append(" (").append(error.getClass().getName()).append(')');
            }
            line.append(" [Request-ID ").append((trace.requestId != null) ? printable(trace.requestId) : "none")
                .append("] in ").append(millis).append(" ms");
            DiscountCardNotification notification = result.notification();
            if (this.logBodies && notification != null && logger.isDebugEnabled()) {
                line.append("\n  resource: ").append(Masking.json(notification.resourceJson()));
            }
            if (warn) {
                logger.warn(line.toString());
                if (error != null && logger.isDebugEnabled()) {
                    logger.debug("Failure of notification " + ((trace.id != null) ? printable(trace.id) : "(no id)"),
                            error);
                }
            }
            else {
                logger.debug(line.toString());
            }
        }
        return result.reply();
    }

    // event types come from verified notifications, so the set is WeChat's: still, keep tags bounded and clean
    private static String tagValue(String eventType) {
        return (eventType.length() <= 64) ? eventType.replaceAll("[^A-Za-z0-9_.-]", "_") : "OTHER";
    }

    /** Attacker-controlled text (before verification) stays short and on one line. */
    private static String printable(String value) {
        String shortened = (value.length() > 120) ? value.substring(0, 120) + "..." : value;
        return shortened.replaceAll("\\p{Cntrl}", "?");
    }
}
