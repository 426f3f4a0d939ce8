package io.github.discountcard.test;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** A request as read off the wire, before the simulator looks at it. Header names are case-insensitive. */
record IncomingRequest(String method, String rawTarget, Map<String, List<String>> headers, byte[] body) {

    @Nullable String header(String name) {
        List<String> values = this.headers.get(name);
        return (values == null || values.isEmpty()) ? null : values.get(0);
    }
}
