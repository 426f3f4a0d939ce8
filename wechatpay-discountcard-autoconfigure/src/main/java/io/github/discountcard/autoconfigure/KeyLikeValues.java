package io.github.discountcard.autoconfigure;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Recognizes key material pasted into a property that is not meant for it (a private key in
 * {@code public-key-id}, the APIv3 key in {@code mch-id}), so that such a value is named and never printed.
 */
final class KeyLikeValues {

    /** A run of Base64 longer than any id, serial number or host name: the body of a key or certificate. */
    private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/]{64,}");

    private KeyLikeValues() {
    }

    /**
     * Whether the value looks like PEM text or key material, or is the value of one of the given secrets.
     */
    static boolean looksLikeKey(@Nullable String value, @Nullable String... secrets) {
        if (value == null || value.isBlank()) {
            return false;
        }
        String trimmed = value.trim();
        if (trimmed.contains("-----BEGIN") || trimmed.contains("-----END") || trimmed.contains("PRIVATE KEY")
                || BASE64_RUN.matcher(trimmed.replace("\\n", "").replaceAll("\\s", "")).find()) {
            return true;
        }
        for (String secret : secrets) {
            if (secret != null && !secret.isBlank() && trimmed.equals(secret.trim())) {
                return true;
            }
        }
        return false;
    }

    /** The value for {@code toString()}: as it is, unless it looks like key material. */
    static @Nullable String shown(@Nullable String value, @Nullable String... secrets) {
        return looksLikeKey(value, secrets) ? "(looks like key material, not shown)" : value;
    }
}
