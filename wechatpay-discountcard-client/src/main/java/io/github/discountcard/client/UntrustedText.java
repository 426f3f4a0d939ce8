package io.github.discountcard.client;

import org.jspecify.annotations.Nullable;

/**
 * The one helper that makes text taken from a response or a header (a {@code Request-ID}, a serial number, an
 * error's {@code code}, {@code message} or {@code detail}, a logged body) safe for an exception message, a log
 * line, a health detail or an observation: printable and bounded, whoever sent it.
 * <p>
 * Control characters ({@code \p{Cc}}, which includes U+0085 NEL), the line and paragraph separators U+2028 and
 * U+2029 and invisible format characters ({@code \p{Cf}}, such as bidirectional overrides) are written as
 * {@code \}{@code uXXXX}, so one line stays one line and reads as sent. The result is at most the given number
 * of characters, ending in {@code ...} when it was cut. Sanitizing is idempotent: sanitized text passes through
 * unchanged, so a value may safely be sanitized again on its way.
 */
public final class UntrustedText {

    /** The cap for identifiers: Request-ID, serial numbers, error codes. */
    public static final int ID_MAX = 64;

    /** The cap for messages and details. */
    public static final int MESSAGE_MAX = 256;

    private static final String CUT = "...";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UntrustedText() {
    }

    /** An identifier, printable and at most {@value #ID_MAX} characters; {@code null} stays {@code null}. */
    public static @Nullable String id(@Nullable String text) {
        return (text != null) ? printable(text, ID_MAX) : null;
    }

    /** A message, printable and at most {@value #MESSAGE_MAX} characters; {@code null} stays {@code null}. */
    public static @Nullable String message(@Nullable String text) {
        return (text != null) ? printable(text, MESSAGE_MAX) : null;
    }

    /**
     * The text as one printable line of at most {@code max} characters (at least 8).
     * @throws IllegalArgumentException when {@code max} is below 8
     */
    public static String printable(String text, int max) {
        if (max < 8) {
            throw new IllegalArgumentException("max must be at least 8 but was " + max);
        }
        if (isClean(text, max)) {
            return text; // the common case: a short, ordinary value, returned as is
        }
        int room = max - CUT.length();
        StringBuilder out = new StringBuilder(Math.min(text.length() * 6, max));
        int i = 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            int width = mustEscape(c) ? 6 : pair ? 2 : 1;
            if (out.length() + width > room) {
                break;
            }
            if (mustEscape(c)) {
                out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                    .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
            }
            else if (pair) {
                out.append(c).append(text.charAt(++i)); // never split a surrogate pair
            }
            else {
                out.append(c);
            }
        }
        if (i < text.length()) {
            return out.append(CUT).toString();
        }
        // everything fitted in room (escapes made it long, not over max): nothing was cut
        return out.toString();
    }

    private static boolean isClean(String text, int max) {
        if (text.length() > max) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (mustEscape(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean mustEscape(char c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}
