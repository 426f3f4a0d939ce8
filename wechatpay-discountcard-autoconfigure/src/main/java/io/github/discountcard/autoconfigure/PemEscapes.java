package io.github.discountcard.autoconfigure;

/**
 * PEM given on one line with {@code \n} escapes (the usual form in environment variables, {@code .env} files and
 * Kubernetes secrets) reads like PEM with real line breaks.
 */
final class PemEscapes {

    private PemEscapes() {
    }

    static String unescape(String value) {
        if (value.indexOf('\n') >= 0 || !value.contains("\\n") || !value.contains("-----BEGIN")) {
            return value;
        }
        return value.replace("\\r\\n", "\n").replace("\\n", "\n");
    }
}
