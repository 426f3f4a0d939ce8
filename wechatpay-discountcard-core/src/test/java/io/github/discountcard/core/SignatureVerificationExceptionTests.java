package io.github.discountcard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class SignatureVerificationExceptionTests {

    @Test
    void carriesItsReasonAndMessage() {
        SignatureVerificationException exception = new SignatureVerificationException(
                VerificationFailure.SIGNATURE_PROBE, "probe");

        assertThat(exception.reason()).isEqualTo(VerificationFailure.SIGNATURE_PROBE);
        assertThat(exception).hasMessage("probe").isInstanceOf(RuntimeException.class);
    }

    @Test
    void reasonIsRequired() {
        assertThatNullPointerException().isThrownBy(() -> new SignatureVerificationException(null, "x"))
            .withMessageContaining("reason");
    }

    @Test
    void reasonsAreDistinct() {
        assertThat(VerificationFailure.values()).containsExactly(VerificationFailure.MISSING_HEADER,
                VerificationFailure.MALFORMED_HEADER, VerificationFailure.UNKNOWN_SERIAL,
                VerificationFailure.KEY_EXPIRED, VerificationFailure.EXPIRED_TIMESTAMP,
                VerificationFailure.SIGNATURE_PROBE, VerificationFailure.BAD_SIGNATURE);
    }

    @Test
    void keyAndCryptoExceptionsKeepTheirCause() {
        IllegalStateException cause = new IllegalStateException("root");

        assertThat(new KeyMaterialException("bad key", cause)).hasMessage("bad key").hasCause(cause)
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(new CryptoException("bad crypto", cause)).hasMessage("bad crypto").hasCause(cause);
    }
}
