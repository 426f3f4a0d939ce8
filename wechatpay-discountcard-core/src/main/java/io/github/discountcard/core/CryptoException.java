package io.github.discountcard.core;

import org.jspecify.annotations.Nullable;

/**
 * A cryptographic operation that failed on its input (a ciphertext that does not decrypt, a tag
 * that does not match) or because the platform lacks an algorithm. Never carries key bytes.
 */
public class CryptoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
