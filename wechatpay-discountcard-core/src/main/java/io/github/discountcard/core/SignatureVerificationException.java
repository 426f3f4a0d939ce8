package io.github.discountcard.core;

import java.util.Objects;

/** A response that must not be trusted, with the {@link VerificationFailure reason} why. */
public class SignatureVerificationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final VerificationFailure reason;

    public SignatureVerificationException(VerificationFailure reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public VerificationFailure reason() {
        return this.reason;
    }
}
