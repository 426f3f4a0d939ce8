package io.github.discountcard.notification;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/** Keeps openids (personal data) out of logs and {@code toString()}. */
final class Masking {

    private static final Pattern OPENID = Pattern.compile("(\"[a-z_]*openid\"\\s*:\\s*\")([^\"]*)(\")");

    private Masking() {
    }

    /** The first three characters and a mask, e.g. {@code oUp******}; {@code null} stays {@code null}. */
    static @Nullable String openid(@Nullable String openid) {
        if (openid == null) {
            return null;
        }
        return (openid.length() <= 6) ? "******" : openid.substring(0, 3) + "******";
    }

    /** JSON text with the value of every {@code openid} and {@code *_openid} field masked. */
    static String json(String json) {
        return OPENID.matcher(json).replaceAll("$1******$3");
    }
}
