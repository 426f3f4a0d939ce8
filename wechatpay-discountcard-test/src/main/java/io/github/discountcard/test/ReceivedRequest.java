package io.github.discountcard.test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One request as the simulator received it.
 * @param method the HTTP method, e.g. {@code PATCH}
 * @param rawTarget the request target exactly as sent on the wire (path and query, still percent-encoded)
 * @param headers the request headers; names are case-insensitive
 * @param body the exact body bytes (empty when none)
 * @param status the status the simulator answered, or {@link #NO_RESPONSE} when it reset the connection
 */
public record ReceivedRequest(String method, String rawTarget, Map<String, List<String>> headers, byte[] body,
        int status) {

    /** The {@link #status()} of a request whose connection was reset without an answer. */
    public static final int NO_RESPONSE = 0;

    public ReceivedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawTarget, "rawTarget");
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.computeIfAbsent(name, (key) -> new ArrayList<>()).addAll(values));
        copy.replaceAll((name, values) -> List.copyOf(values));
        headers = Collections.unmodifiableMap(copy);
        body = body.clone();
    }

    /** A copy of the body bytes. */
    @Override
    public byte[] body() {
        return this.body.clone();
    }

    /** The body as UTF-8 text. */
    public String bodyAsString() {
        return new String(this.body, StandardCharsets.UTF_8);
    }

    /** The first value of a header (name case-insensitive). */
    public Optional<String> header(String name) {
        List<String> values = this.headers.get(name);
        return (values == null || values.isEmpty()) ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The raw path without the query. */
    public String rawPath() {
        int query = this.rawTarget.indexOf('?');
        return (query < 0) ? this.rawTarget : this.rawTarget.substring(0, query);
    }

    /** Whether the simulator reset the connection instead of answering. */
    public boolean connectionReset() {
        return this.status == NO_RESPONSE;
    }

    @Override
    public boolean equals(Object other) {
        return (other instanceof ReceivedRequest that) && this.method.equals(that.method)
                && this.rawTarget.equals(that.rawTarget) && this.headers.equals(that.headers)
                && Arrays.equals(this.body, that.body) && this.status == that.status;
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.method, this.rawTarget, this.headers, Arrays.hashCode(this.body), this.status);
    }

    @Override
    public String toString() {
        return "ReceivedRequest[" + this.method + " " + this.rawTarget + " -> "
                + (connectionReset() ? "connection reset" : this.status) + ", " + this.body.length + " body bytes]";
    }
}
