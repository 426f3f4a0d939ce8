package io.github.discountcard.core;

import java.nio.charset.StandardCharsets;

/** Builds the line-oriented messages that WeChat Pay signs, without intermediate strings. */
final class SignedMessages {

    private SignedMessages() {
    }

    /**
     * {@code PART1\nPART2\n...\nPARTn\n} as UTF-8. When every character is ASCII (methods, percent-encoded
     * targets, timestamps, nonces) the bytes are written straight into one array; otherwise the text is
     * concatenated and encoded, with the same result.
     */
    static byte[] lines(String... parts) {
        int length = parts.length;
        for (String part : parts) {
            length += part.length();
        }
        byte[] out = new byte[length];
        int at = 0;
        for (String part : parts) {
            for (int i = 0, n = part.length(); i < n; i++) {
                char c = part.charAt(i);
                if (c >= 0x80) {
                    return String.join("\n", parts).concat("\n").getBytes(StandardCharsets.UTF_8);
                }
                out[at++] = (byte) c;
            }
            out[at++] = '\n';
        }
        return out;
    }
}
