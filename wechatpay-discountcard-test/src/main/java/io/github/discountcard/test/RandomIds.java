package io.github.discountcard.test;

import java.security.SecureRandom;

/** Random identifiers: nonces, serial numbers, ids. */
final class RandomIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static final String UPPER_HEX = "0123456789ABCDEF";

    private static final String DIGITS = "0123456789";

    private RandomIds() {
    }

    static String alphanumeric(int length) {
        return draw(ALPHANUMERIC, length);
    }

    /** Upper-case hex that never starts with 0, so it reads as the same number when parsed back. */
    static String upperHex(int length) {
        return draw("123456789ABCDEF", 1) + draw(UPPER_HEX, length - 1);
    }

    static String digits(int length) {
        return draw(DIGITS, length);
    }

    static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static SecureRandom random() {
        return RANDOM;
    }

    private static String draw(String alphabet, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = alphabet.charAt(RANDOM.nextInt(alphabet.length()));
        }
        return new String(chars);
    }
}
