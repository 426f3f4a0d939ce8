package io.github.discountcard.core;

/**
 * Key material that cannot be used: unreadable PEM, a key that is not RSA, a key that is too short.
 * The message says what is wrong and never contains key bytes.
 */
public class KeyMaterialException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public KeyMaterialException(String message) {
        super(message);
    }

    public KeyMaterialException(String message, Throwable cause) {
        super(message, cause);
    }
}
