package io.github.discountcard.client;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;

/**
 * One APIv3 call for {@link WechatPayApi}: method, URI template with its variables, optional JSON body, the
 * operation name its observation is tagged with, and whether a write may be sent again.
 * <p>
 * Path values are URI-template variables: each is percent-encoded as one path segment (only {@code
 * A-Za-z0-9-._~} stay literal), so no value can change the target, and the encoded target is what gets signed. For
 * the same reason a value may not be empty, {@code .} or {@code ..}: those would still be one segment, but one
 * that names another resource ({@code /v3/x/..} is {@code /v3/}).
 * Immutable; each {@code with}-method returns a copy.
 * <pre>{@code
 * WechatPayRequest.get("/v3/discount-card/orders/{out_order_no}", Map.of("out_order_no", outOrderNo))
 *     .operation("getOrder")
 * }</pre>
 */
public final class WechatPayRequest {

    private final HttpMethod method;

    private final String uriTemplate;

    private final Map<String, ?> uriVariables;

    private final @Nullable Object body;

    private final String operation;

    private final boolean idempotent;

    private WechatPayRequest(HttpMethod method, String uriTemplate, Map<String, ?> uriVariables,
            @Nullable Object body, String operation, boolean idempotent) {
        this.method = Objects.requireNonNull(method, "method");
        if (!uriTemplate.startsWith("/v3/")) {
            throw new IllegalArgumentException("An APIv3 URI template starts with /v3/ but was '" + uriTemplate + "'");
        }
        this.uriTemplate = uriTemplate;
        this.uriVariables = Map.copyOf(uriVariables);
        this.uriVariables.forEach((name, value) -> {
            String text = value.toString();
            if (text.isEmpty() || text.equals(".") || text.equals("..")) {
                throw new IllegalArgumentException("The path value '" + name + "' must not be "
                        + (text.isEmpty() ? "empty" : "'" + text + "'") + ": it would name another resource");
            }
        });
        this.body = body;
        this.operation = Objects.requireNonNull(operation, "operation");
        this.idempotent = idempotent;
    }

    /** {@code GET}: a query, retried by the {@link RetryPolicy}. */
    public static WechatPayRequest get(String uriTemplate, Map<String, ?> uriVariables) {
        return of(HttpMethod.GET, uriTemplate, uriVariables, null);
    }

    /** {@code GET} without template variables. */
    public static WechatPayRequest get(String uriTemplate) {
        return get(uriTemplate, Map.of());
    }

    /**
     * Any method. {@code body} is written with the API's own JSON mapper, or sent as is when it is a
     * {@code byte[]}; the bytes sent are the bytes signed.
     */
    public static WechatPayRequest of(HttpMethod method, String uriTemplate, Map<String, ?> uriVariables,
            @Nullable Object body) {
        return new WechatPayRequest(method, uriTemplate, uriVariables, body, "api", false);
    }

    /**
     * The low-cardinality name this call's observation and log line carry (default {@code api}); never put an
     * order number or openid in it.
     */
    public WechatPayRequest operation(String operation) {
        return new WechatPayRequest(this.method, this.uriTemplate, this.uriVariables, this.body, operation,
                this.idempotent);
    }

    /**
     * Declares a write safe to send again when it may already have reached WeChat Pay (as the order update is:
     * WeChat Pay applies each record serial number once). Only then is a write retried (on transport failures
     * and 5xx); a write not so declared is never retried.
     */
    public WechatPayRequest idempotent() {
        return new WechatPayRequest(this.method, this.uriTemplate, this.uriVariables, this.body, this.operation,
                true);
    }

    public HttpMethod method() {
        return this.method;
    }

    public String uriTemplate() {
        return this.uriTemplate;
    }

    public Map<String, ?> uriVariables() {
        return this.uriVariables;
    }

    public @Nullable Object body() {
        return this.body;
    }

    public String operation() {
        return this.operation;
    }

    public boolean isIdempotent() {
        return this.idempotent;
    }

    @Override
    public String toString() {
        return "WechatPayRequest[" + this.operation + ": " + this.method.name() + " " + this.uriTemplate + "]";
    }
}
