package io.github.discountcard.client;

import io.github.discountcard.core.VerificationFailure;
import io.github.discountcard.test.Fault;

/** What the client must report for each of the simulator's signature faults. */
final class SignatureFaults {

    private SignatureFaults() {
    }

    /** The verification failure a response with this fault is refused with. */
    static VerificationFailure expectedFailure(Fault fault) {
        return switch (fault) {
            case MISSING_SIGNATURE -> VerificationFailure.MISSING_HEADER;
            case STALE_TIMESTAMP -> VerificationFailure.EXPIRED_TIMESTAMP;
            case PROBE_SIGNATURE -> VerificationFailure.SIGNATURE_PROBE;
            case UNKNOWN_SERIAL -> VerificationFailure.UNKNOWN_SERIAL;
            default -> VerificationFailure.BAD_SIGNATURE;
        };
    }
}
