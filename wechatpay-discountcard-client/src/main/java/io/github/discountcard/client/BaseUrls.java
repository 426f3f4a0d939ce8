package io.github.discountcard.client;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

import org.springframework.web.util.DefaultUriBuilderFactory;

/**
 * Checks a WeChat Pay base URL: {@code https://} anywhere, {@code http://} only to a loopback host (a local
 * simulator), because a plain-text connection would expose the signed traffic.
 */
public final class BaseUrls {

    /** WeChat Pay's API domain. */
    public static final String DEFAULT = "https://api.mch.weixin.qq.com";

    private BaseUrls() {
    }

    /**
     * Returns the URL without a trailing slash.
     * @throws IllegalArgumentException naming what is wrong with the URL
     */
    public static String check(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("The base URL is blank");
        }
        URI uri;
        try {
            uri = new URI(baseUrl.trim());
        }
        catch (URISyntaxException ex) {
            throw new IllegalArgumentException("The base URL '" + baseUrl + "' is not a valid URI");
        }
        String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("The base URL '" + baseUrl + "' must be an absolute https:// URL");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("The base URL '" + baseUrl + "' must not have user info, a query or a fragment");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException("The base URL '" + baseUrl + "' uses plain http:// to a remote host; "
                    + "use https:// (http:// is allowed only for loopback hosts such as 127.0.0.1 or localhost)");
        }
        if (uri.getRawPath() != null && uri.getRawPath().contains("%")) {
            // every request's URI is expanded from a template against it, which would encode the '%' once more
            throw new IllegalArgumentException("The base URL '" + baseUrl + "' has a percent-encoded path; use a "
                    + "base URL whose path needs no encoding");
        }
        String text = uri.toString();
        String checked = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        try {
            new DefaultUriBuilderFactory(checked); // what every request's URI is expanded against
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("The base URL '" + baseUrl + "' cannot be used for URI templates ("
                    + ex.getMessage() + ")");
        }
        return checked;
    }

    static boolean isLoopback(String host) {
        String bare = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        // only literal addresses: a name is never resolved here, so DNS cannot turn a remote host into "loopback"
        if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        }
        catch (UnknownHostException ex) {
            return false;
        }
    }
}
