package io.github.discountcard.client;

import io.micrometer.observation.Observation;

/**
 * What one WeChat Pay call's observation knows, for a {@link WechatPayObservationConvention} to name and tag:
 * the operation and URI template (set when the call starts), then the outcome, HTTP status and the
 * low-cardinality error code (set when it ends). Order numbers, openids and other values never appear here.
 */
public class WechatPayObservationContext extends Observation.Context {

    private final String operation;

    private final String method;

    private final String uriTemplate;

    private String outcome = "UNKNOWN";

    private int status;

    private String errorCode = "NONE";

    private int attempts;

    public WechatPayObservationContext(String operation, String method, String uriTemplate) {
        this.operation = operation;
        this.method = method;
        this.uriTemplate = uriTemplate;
    }

    /** The operation, e.g. {@code getOrder} ({@link WechatPayRequest#operation}). */
    public String operation() {
        return this.operation;
    }

    /** The HTTP method, e.g. {@code GET}. */
    public String method() {
        return this.method;
    }

    /** The URI template, e.g. {@code /v3/discount-card/orders/{out_order_no}}: never the values. */
    public String uriTemplate() {
        return this.uriTemplate;
    }

    /**
     * How the call ended: {@code SUCCESS}, {@code SERVICE_ERROR}, {@code SIGNATURE_ERROR}, {@code TIMEOUT},
     * {@code TRANSPORT_ERROR}, {@code INVALID_REQUEST}, {@code INVALID_RESPONSE}, {@code CANCELLED} or
     * {@code UNKNOWN_ERROR}.
     */
    public String outcome() {
        return this.outcome;
    }

    /** The HTTP status of the last answer, or 0 when none came. */
    public int status() {
        return this.status;
    }

    /**
     * WeChat Pay's error code, low-cardinality: {@code NONE} without a service error, a documented code or a
     * verified answer's code of the form {@code [A-Z_]{1,40}}, else {@code OTHER}.
     */
    public String errorCode() {
        return this.errorCode;
    }

    /** How many attempts were made (retries included). */
    public int attempts() {
        return this.attempts;
    }

    void ended(String outcome, int status, String errorCode, int attempts) {
        this.outcome = outcome;
        this.status = status;
        this.errorCode = errorCode;
        this.attempts = attempts;
    }

    @Override
    public String toString() {
        return "WechatPayObservationContext[" + this.operation + ", " + this.method + " " + this.uriTemplate + ", "
                + this.outcome + "]";
    }
}
