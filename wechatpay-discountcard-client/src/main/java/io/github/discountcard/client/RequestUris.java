package io.github.discountcard.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.web.util.DefaultUriBuilderFactory;
import org.springframework.web.util.UriBuilderFactory;

/**
 * Expands a call's URI template against the base URL exactly as a {@link DefaultUriBuilderFactory} in
 * {@link DefaultUriBuilderFactory.EncodingMode#TEMPLATE_AND_VALUES} mode does (each variable percent-encoded
 * as one segment: only {@code A-Za-z0-9-._~} stay literal), but without its parser for the usual template.
 * <p>
 * Every call expands a template, and the factory parses the base URL and the template, builds components and
 * then parses the result once more: a few kilobytes and microseconds per request. A plain template (literal
 * {@code A-Za-z0-9-._~/} and {@code {name}} variables, no query) is split once and cached; expanding it is one
 * string, of which only the path is parsed: the base URL's scheme and authority were parsed once and are
 * {@linkplain URI#resolve(URI) resolved} against (half the work of parsing the whole URL). Anything else (a query,
 * a regex variable, a missing variable) goes to the factory, so its result and its errors stay the factory's.
 */
final class RequestUris {

    /** The templates of one application are a handful of constants; beyond this many, none is kept. */
    private static final int MAX_CACHED = 256;

    /** A template that is not plain: always expanded by the factory. */
    private static final String[] NOT_PLAIN = new String[0];

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** The base URL's path ({@code ""} for none), which every expanded path starts with. */
    private final String basePath;

    /** The base URL's scheme and authority, parsed once; {@code null} when its text cannot be split so. */
    private final @Nullable URI origin;

    private final DefaultUriBuilderFactory factory;

    /** Literal and variable parts in turn, starting with a literal; {@link #NOT_PLAIN} for the factory's. */
    private final Map<String, String[]> templates = new ConcurrentHashMap<>();

    /** Whether plain concatenation gives the factory's result for this base URL (checked once, here). */
    private final boolean fast;

    /** @param baseUrl a base URL as {@link BaseUrls#check} returns it */
    RequestUris(String baseUrl) {
        URI parsed = URI.create(baseUrl);
        String origin = parsed.getScheme() + "://" + parsed.getRawAuthority();
        boolean split = baseUrl.startsWith(origin) && baseUrl.substring(origin.length()).equals(parsed.getRawPath());
        URI originUri = split ? URI.create(origin) : null;
        // a resolved URI spells its authority from host and port ("h:0443" becomes "h:443"): split only a base
        // URL that it spells back exactly
        if (originUri != null && !originUri.resolve(URI.create("/x")).toString().equals(origin + "/x")) {
            originUri = null;
        }
        this.origin = originUri;
        this.basePath = (originUri != null) ? baseUrl.substring(origin.length()) : baseUrl;
        this.factory = new DefaultUriBuilderFactory(baseUrl);
        this.factory.setEncodingMode(DefaultUriBuilderFactory.EncodingMode.TEMPLATE_AND_VALUES);
        String probe = "/v3/probe/{a}/x";
        Map<String, String> value = Map.of("a", "a b/ü~");
        this.fast = this.factory.expand(probe, value).equals(expandPlain(split(probe), value));
    }

    /** Whether a plain template's path is parsed alone and resolved against the origin (for tests). */
    boolean resolvesPaths() {
        return this.fast && this.origin != null;
    }

    /** The factory itself, for code that wants a {@link UriBuilderFactory}. */
    UriBuilderFactory factory() {
        return this.factory;
    }

    URI expand(String template, Map<String, ?> variables) {
        if (this.fast) {
            String[] parts = this.templates.get(template);
            if (parts == null) {
                parts = split(template);
                if (this.templates.size() < MAX_CACHED) {
                    this.templates.put(template, parts);
                }
            }
            URI uri = (parts != NOT_PLAIN) ? expandPlain(parts, variables) : null;
            if (uri != null) {
                return uri;
            }
        }
        return this.factory.expand(template, variables);
    }

    /** {@code null} when a variable is missing (the factory then says so). */
    private @Nullable URI expandPlain(String[] parts, Map<String, ?> variables) {
        StringBuilder path = new StringBuilder(this.basePath.length() + 64).append(this.basePath);
        for (int i = 0; i < parts.length; i++) {
            if (i % 2 == 0) {
                path.append(parts[i]);
            }
            else {
                Object value = variables.get(parts[i]);
                if (value == null) {
                    return null;
                }
                encode(value.toString(), path);
            }
        }
        // a path that begins with one slash is parsed as a path alone and resolved to itself against the origin;
        // anything else ("//" would read as an authority) is parsed whole, as before
        if (this.origin != null && path.length() > 1 && path.charAt(0) == '/' && path.charAt(1) != '/') {
            URI uri = this.origin.resolve(URI.create(path.toString()));
            // fixes its text now (WebClient asks for it anyway): until then getRawSchemeSpecificPart() would be
            // built from the decoded path, an encoded "/" in a value coming back as a real one
            uri.toString();
            return uri;
        }
        return URI.create((this.origin != null) ? this.origin + path.toString() : path.toString());
    }

    /** Splits a plain template into literal and variable parts; {@link #NOT_PLAIN} for any other. */
    static String[] split(String template) {
        List<String> parts = new ArrayList<>();
        int literalStart = 0;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{') {
                int end = template.indexOf('}', i);
                if (end < 0 || !isName(template, i + 1, end)) {
                    return NOT_PLAIN;
                }
                parts.add(template.substring(literalStart, i));
                parts.add(template.substring(i + 1, end));
                i = end + 1;
                literalStart = i;
            }
            else if (isUnreserved(c) || c == '/') {
                i++;
            }
            else {
                return NOT_PLAIN; // a query, a fragment, a character the factory would encode...
            }
        }
        parts.add(template.substring(literalStart));
        return parts.toArray(new String[0]);
    }

    private static boolean isName(String template, int from, int to) {
        if (from == to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = template.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** Percent-encodes every UTF-8 byte outside {@code A-Za-z0-9-._~}, upper-case hex, as the factory does. */
    static void encode(String value, StringBuilder out) {
        int i = 0;
        while (i < value.length() && isUnreserved(value.charAt(i))) {
            i++;
        }
        if (i == value.length()) {
            out.append(value); // the usual order number: nothing to encode
            return;
        }
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (isUnreserved(c)) {
                out.append(c);
            }
            else {
                out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                || c == '_' || c == '~';
    }
}
