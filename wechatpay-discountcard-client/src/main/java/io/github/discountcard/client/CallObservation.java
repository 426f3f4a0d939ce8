package io.github.discountcard.client;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * One Micrometer {@link Observation} ({@value #NAME}) and one DEBUG log line per call, retries included.
 * <p>
 * Tags are low-cardinality only: operation, outcome, HTTP status and WeChat Pay error code; never an order
 * number or openid. The log line has method, path, status, {@code Request-ID}, attempts and duration; never the
 * {@code Authorization} header or keys, and bodies only when body logging is on, with openids masked.
 */
final class CallObservation {

    /** The observation name; Boot's metrics make it a timer of the same name. */
    static final String NAME = "wechatpay.discountcard.client.requests";

    /**
     * Where WebClient looks for the parent observation in the Reactor context (the value of Micrometer's
     * {@code ObservationThreadLocalAccessor.KEY}), so each attempt's HTTP observation becomes a child of ours.
     */
    private static final String PARENT_OBSERVATION_KEY = "micrometer.observation";

    private static final Log logger = LogFactory.getLog(WebClientDiscountCardClient.class);

    /** The error codes every APIv3 endpoint may answer (the spec's common set). */
    private static final Set<String> DOCUMENTED_CODES = Set.of("PARAM_ERROR", "INVALID_REQUEST", "SIGN_ERROR",
            "NO_AUTH", "RESOURCE_NOT_EXISTS", "ORDER_NOT_EXIST", "FREQUENCY_LIMITED", "SYSTEM_ERROR");

    private static final Pattern ERROR_CODE = Pattern.compile("[A-Z_]{1,40}");

    /** A logged body is cut here: enough to read an order, never a flood. */
    private static final int MAX_LOGGED_BODY = 4096;

    private static final Pattern OPENID = Pattern.compile("(\"openid\"\\s*:\\s*\")([^\"]*)(\")");

    private final ObservationRegistry registry;

    private final boolean logBodies;

    CallObservation(ObservationRegistry registry, boolean logBodies) {
        this.registry = registry;
        this.logBodies = logBodies;
    }

    <T> Mono<T> observe(String operation, CallTarget target, byte @Nullable [] requestBody, CallTrace trace,
            Mono<T> call) {
        return Mono.defer(() -> {
            Observation observation = Observation.createNotStarted(NAME, this.registry)
                .contextualName("wechatpay " + operation)
                .lowCardinalityKeyValue("operation", operation)
                .start();
            long started = System.nanoTime();
            return call
                .doOnSuccess((value) -> finish(observation, null, operation, target, requestBody, trace, started))
                .doOnError((error) -> finish(observation, error, operation, target, requestBody, trace, started))
                .doOnCancel(() -> {
                    observation.lowCardinalityKeyValue("outcome", "CANCELLED").lowCardinalityKeyValue("status", "NONE")
                        .lowCardinalityKeyValue("error.code", "NONE").stop();
                })
                .contextWrite((context) -> context.put(PARENT_OBSERVATION_KEY, observation));
        });
    }

    private void finish(Observation observation, @Nullable Throwable error, String operation, CallTarget target,
            byte @Nullable [] requestBody, CallTrace trace, long started) {
        int status = (error instanceof WechatPayServiceException service) ? service.statusCode() : trace.status;
        String code = errorCodeTag(error);
        observation.lowCardinalityKeyValue("outcome", outcome(error))
            .lowCardinalityKeyValue("status", (status > 0) ? Integer.toString(status) : "NONE")
            .lowCardinalityKeyValue("error.code", code);
        if (error != null) {
            observation.error(error);
        }
        observation.stop();
        if (logger.isDebugEnabled()) {
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            String requestId = UntrustedText.id((trace.requestId != null) ? trace.requestId : requestIdOf(error));
            StringBuilder line = new StringBuilder("WeChat Pay ").append(operation).append(": ").append(target)
                .append(" -> ").append((status > 0) ? status : "no response")
                .append(" [Request-ID ").append((requestId != null) ? requestId : "none").append("] in ")
                .append(millis).append(" ms, ").append(trace.attempts).append(trace.attempts == 1 ? " attempt" : " attempts");
            if (error != null) {
                line.append(", ").append(outcome(error).toLowerCase(Locale.ROOT)).append(": ")
                    .append(error.getClass().getSimpleName());
            }
            if (this.logBodies) {
                line.append("\n  request body: ").append(masked(requestBody));
                line.append("\n  response body: ").append(masked(trace.responseBody));
            }
            logger.debug(line.toString());
        }
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
        if (!(error instanceof WechatPayServiceException service) || service.code() == null) {
            return "NONE";
        }
        String code = service.code();
        if (DOCUMENTED_CODES.contains(code)
                || (service.signatureVerified() && ERROR_CODE.matcher(code).matches())) {
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
