package io.github.discountcard.client;

import java.net.URI;
import java.util.Map;

import org.springframework.web.util.UriBuilderFactory;

/**
 * What one call asks for: method, URI template and its variables. Its text ({@code GET /v3/...}, the variables
 * expanded and encoded as sent) is made only when a message or log line needs it.
 */
record CallTarget(String method, String uriTemplate, Map<String, ?> uriVariables, UriBuilderFactory uris) {

    /** The encoded path and query as sent. */
    String path() {
        URI uri = this.uris.expand(this.uriTemplate, this.uriVariables);
        return (uri.getRawQuery() != null) ? uri.getRawPath() + "?" + uri.getRawQuery() : uri.getRawPath();
    }

    @Override
    public String toString() {
        return this.method + " " + path();
    }
}
