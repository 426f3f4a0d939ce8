package io.github.discountcard.client;

import java.net.URI;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What one call asks for: method, URI template and its variables. The URI is expanded once per call, on first
 * use (by the first attempt); its text ({@code GET /v3/...}, the variables encoded as sent) is made only when a
 * message or log line needs it.
 */
final class CallTarget {

    private final String method;

    private final String uriTemplate;

    private final Map<String, ?> uriVariables;

    private final RequestUris uris;

    private @Nullable URI uri;

    CallTarget(String method, String uriTemplate, Map<String, ?> uriVariables, RequestUris uris) {
        this.method = method;
        this.uriTemplate = uriTemplate;
        this.uriVariables = uriVariables;
        this.uris = uris;
    }

    String method() {
        return this.method;
    }

    String uriTemplate() {
        return this.uriTemplate;
    }

    /** The URI sent: the template expanded against the base URL, each variable encoded as one segment. */
    URI uri() {
        URI expanded = this.uri;
        if (expanded == null) {
            expanded = this.uris.expand(this.uriTemplate, this.uriVariables);
            this.uri = expanded; // attempts run one after another; a race would only expand twice
        }
        return expanded;
    }

    /** The encoded path and query as sent. */
    String path() {
        URI sent = uri();
        return (sent.getRawQuery() != null) ? sent.getRawPath() + "?" + sent.getRawQuery() : sent.getRawPath();
    }

    @Override
    public String toString() {
        return this.method + " " + path();
    }
}
