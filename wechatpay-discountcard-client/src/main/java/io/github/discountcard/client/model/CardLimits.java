package io.github.discountcard.client.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/** The cards family's documented limits (lifecycle spec §2), checked before anything is sent. */
final class CardLimits {

    static final int SERIAL_NO = 32;

    static final int ID = 32;

    static final int DESCRIPTION = 20;

    static final int REMARK = 50;

    static final int CARD_TEMPLATE_ID = 64;

    static final int NOTIFY_URL = 255;

    static final int MIN_APPID = 10;

    static final int MAX_APPID = 32;

    private static final Pattern OUT_CARD_CODE = Pattern.compile("[0-9A-Za-z_|*-]{1,32}");

    private CardLimits() {
    }

    /** {@code out_card_code}: 1 to 32 characters of digits, letters and {@code _-|*}. */
    static void outCardCode(@Nullable String value, List<String> problems) {
        if (value == null || value.isEmpty()) {
            problems.add("out_card_code is required");
        }
        else if (!OUT_CARD_CODE.matcher(value).matches()) {
            problems.add("out_card_code must be 1 to 32 characters of digits, letters and _-|* but was '"
                    + printable(value) + "'");
        }
    }

    static void appid(@Nullable String value, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add("appid is required");
        }
        else if (value.length() < MIN_APPID || value.length() > MAX_APPID) {
            problems.add("appid must have " + MIN_APPID + " to " + MAX_APPID + " characters but has "
                    + value.length());
        }
    }

    /** An absolute {@code https://} URL of at most 255 characters; {@code http://} only to a loopback host (tests). */
    static void notifyUrl(@Nullable String value, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add("notify_url is required");
            return;
        }
        if (value.length() > NOTIFY_URL) {
            problems.add("notify_url must be at most " + NOTIFY_URL + " characters but has " + value.length());
            return;
        }
        URI uri;
        try {
            uri = new URI(value);
        }
        catch (URISyntaxException ex) {
            problems.add("notify_url is not a valid URL: '" + printable(value) + "'");
            return;
        }
        String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getHost().isEmpty()) {
            problems.add("notify_url must be an absolute https:// URL but was '" + printable(value) + "'");
        }
        else if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            problems.add("notify_url must use https:// (http:// is allowed for loopback hosts only) but was '"
                    + printable(value) + "'");
        }
        else if (!scheme.equals("https") && !scheme.equals("http")) {
            problems.add("notify_url must be an absolute https:// URL but was '" + printable(value) + "'");
        }
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    static String printable(String value) {
        String shortened = (value.length() > 40) ? value.substring(0, 40) + "..." : value;
        return shortened.replaceAll("\\p{Cntrl}", "?");
    }
}
