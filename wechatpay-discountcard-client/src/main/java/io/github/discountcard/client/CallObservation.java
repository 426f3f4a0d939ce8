package io.github.discountcard.client;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * One Micrometer {@link Observation} (named and tagged by a {@link WechatPayObservationConvention}) and one DEBUG
 * log line per call, retries included.
 * <p>
 * Both carry the caller's context: the observation's parent is the caller's current observation (from the
 * Reactor context of a WebFlux caller, or the thread of a caller that blocks), and the log line is written with
 * the caller's context restored (Micrometer context propagation: MDC values and the like from registered
 * accessors) inside the scope of this call's observation, so a tracer puts its trace id in the MDC. The line
 * says what happened (a 200 that failed verification is "200, refused: ..."), with method, path, status,
 * {@code Request-ID}, attempts and duration; never the {@code Authorization} header or keys, and bodies only
 * when body logging is on, openids masked, printable and capped.
 */
final class CallObservation {

    /** The observation name (see {@link DefaultWechatPayObservationConvention}). */
    static final String NAME = DefaultWechatPayObservationConvention.NAME;

    /**
     * Where Reactor code keeps the current observation: read for the caller's, written so that each attempt's
     * HTTP observation becomes a child of ours.
     */
    private static final String OBSERVATION_KEY = ObservationThreadLocalAccessor.KEY;

    private static final Log logger = LogFactory.getLog(WebClientDiscountCardClient.class);

    /** The error codes every APIv3 endpoint may answer (the spec's common set). */
    private static final Set<String> DOCUMENTED_CODES = Set.of("PARAM_ERROR", "INVALID_REQUEST", "SIGN_ERROR",
            "NO_AUTH", "RESOURCE_NOT_EXISTS", "ORDER_NOT_EXIST", "FREQUENCY_LIMITED", "SYSTEM_ERROR");

    private static final Pattern ERROR_CODE = Pattern.compile("[A-Z_]{1,40}");

    /** A logged body is cut here: enough to read an order, never a flood. */
    private static final int MAX_LOGGED_BODY = 4096;

    private static final Pattern OPENID = Pattern.compile("(\"openid\"\\s*:\\s*\")([^\"]*)(\")");

    private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

    private final ObservationRegistry registry;

    private final @Nullable WechatPayObservationConvention convention;

    private final boolean logBodies;

    CallObservation(ObservationRegistry registry, @Nullable WechatPayObservationConvention convention,
            boolean logBodies) {
        this.registry = registry;
        this.convention = convention;
        this.logBodies = logBodies;
    }

    <T> Mono<T> observe(String operation, CallTarget target, byte @Nullable [] requestBody, CallTrace trace,
            Mono<T> call) {
        if (this.registry.isNoop() && !logger.isDebugEnabled()) {
            return call; // nothing to record and no line to write: no observation, no context, no hooks
        }
        return Mono.deferContextual((callerContext) -> {
            // taken where the caller subscribes: its thread (a blocking caller) and its Reactor context (WebFlux);
            // only the log line needs it, so only when it will be written
            ContextSnapshot caller = logger.isDebugEnabled() ? SNAPSHOTS.captureAll(callerContext) : null;
            Observation parent = callerContext.getOrDefault(OBSERVATION_KEY, null);
            if (parent == null) {
                parent = this.registry.getCurrentObservation();
            }
            WechatPayObservationContext context = new WechatPayObservationContext(operation, target.method(),
                    target.uriTemplate());
            Observation observation = Observation.createNotStarted(this.convention,
                    DefaultWechatPayObservationConvention.INSTANCE, () -> context, this.registry)
                .parentObservation(parent)
                .start();
            long started = System.nanoTime();
            return call
                .doOnSuccess((value) -> finish(observation, context, null, target, requestBody, trace, started,
                        caller))
                .doOnError((error) -> finish(observation, context, error, target, requestBody, trace, started,
                        caller))
                .doOnCancel(() -> {
                    context.ended("CANCELLED", 0, "NONE", trace.attempts);
                    observation.stop();
                })
                .contextWrite((reactorContext) -> reactorContext.put(OBSERVATION_KEY, observation));
        });
    }

    private void finish(Observation observation, WechatPayObservationContext context, @Nullable Throwable error,
            CallTarget target, byte @Nullable [] requestBody, CallTrace trace, long started,
            @Nullable ContextSnapshot caller) {
        int status = (error instanceof WechatPayServiceException service) ? service.statusCode() : trace.status;
        context.ended(outcome(error), status, errorCodeTag(error), trace.attempts);
        if (error != null) {
            observation.error(error);
        }
        if (caller != null && logger.isDebugEnabled()) {
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            try (ContextSnapshot.Scope restored = caller.setThreadLocals();
                    Observation.Scope scope = observation.openScope()) {
                logger.debug(line(context.operation(), target, error, status, trace, millis, requestBody));
            }
        }
        observation.stop();
    }

    private String line(String operation, CallTarget target, @Nullable Throwable error, int status, CallTrace trace,
            long millis, byte @Nullable [] requestBody) {
        String requestId = UntrustedText.id((trace.requestId != null) ? trace.requestId : requestIdOf(error));
        StringBuilder line = new StringBuilder("WeChat Pay ").append(operation).append(": ").append(target)
            .append(" -> ").append(whatHappened(error, status))
            .append(" [Request-ID ").append((requestId != null) ? requestId : "none").append("] in ")
            .append(millis).append(" ms, ").append(trace.attempts).append(trace.attempts == 1 ? " attempt" : " attempts");
        if (this.logBodies) {
            line.append("\n  request body: ").append(masked(requestBody));
            line.append("\n  response body: ").append(masked(trace.responseBody));
        }
        return line.toString();
    }

    /** What happened, in words: the status when an answer came, and why it was not a success. */
    static String whatHappened(@Nullable Throwable error, int status) {
        String answered = (status > 0) ? Integer.toString(status) : "no answer";
        if (error == null) {
            return answered;
        }
        if (error instanceof WechatPayServiceException service) {
            return answered + ((service.code() != null) ? " " + service.code() : "") + " (service error"
                    + (service.signatureVerified() ? ")" : ", unsigned answer)");
        }
        if (error instanceof WechatPaySignatureException signature) {
            return answered + ", refused: failed verification (" + signature.reason() + ")";
        }
        if (error instanceof WechatPayInvalidResponseException) {
            return answered + ", refused: unusable answer (" + error.getClass().getSimpleName() + ")";
        }
        if (error instanceof WechatPayTimeoutException) {
            return answered + ", timed out";
        }
        if (error instanceof WechatPayTransportException) {
            return answered + ", transport failure";
        }
        if (error instanceof WechatPayInvalidRequestException) {
            return "not sent: invalid request";
        }
        return answered + ", failed: " + error.getClass().getSimpleName();
    }

    static String outcome(@Nullable Throwable error) {
        if (error == null) {
            return "SUCCESS";
        }
        if (error instanceof WechatPayServiceException) {
            return "SERVICE_ERROR";
        }
        if (error instanceof WechatPaySignatureException) {
            return "SIGNATURE_ERROR";
        }
        if (error instanceof WechatPayTimeoutException) {
            return "TIMEOUT";
        }
        if (error instanceof WechatPayTransportException) {
            return "TRANSPORT_ERROR";
        }
        if (error instanceof WechatPayInvalidRequestException) {
            return "INVALID_REQUEST";
        }
        if (error instanceof WechatPayInvalidResponseException) {
            return "INVALID_RESPONSE";
        }
        return "UNKNOWN_ERROR";
    }

    private static @Nullable String requestIdOf(@Nullable Throwable error) {
        return (error instanceof WechatPayException wechatPay) ? wechatPay.requestId() : null;
    }

    /**
     * The {@code error.code} tag, low-cardinality whoever answered: {@code NONE} without a service error, a code
     * of the documented common set as it is, a code of a <em>verified</em> answer when it looks like one
     * ({@code [A-Z_]{1,40}}), and {@code OTHER} for anything else (an unsigned body can say anything).
     */
    static String errorCodeTag(@Nullable Throwable error) {
        if (!(error instanceof WechatPayServiceException service)) {
            return "NONE";
        }
        String code = service.code();
        if (code == null) {
            return "NONE";
        }
        if (DOCUMENTED_CODES.contains(code) || (service.signatureVerified() && ERROR_CODE.matcher(code).matches())) {
            return code;
        }
        return "OTHER";
    }

    /** The body as one printable, capped line with every openid value masked. */
    static String masked(byte @Nullable [] body) {
        if (body == null || body.length == 0) {
            return "(none)";
        }
        String text = OPENID.matcher(new String(body, StandardCharsets.UTF_8)).replaceAll("$1******$3");
        return UntrustedText.printable(text, MAX_LOGGED_BODY);
    }
}
