package io.github.discountcard.test;

/**
 * The documented values of an order's {@code state}. {@link SimulatedOrder#state()} is a plain string, so a test can
 * also make the simulator return a value WeChat may add later.
 */
public enum OrderState {

    /** Card claimed, order created. */
    CREATED,

    /** Card expired, settling. */
    SETTLING,

    /** Objective missed and rewards used: charging back. */
    CHARGING,

    /** Charge-back done. */
    CHARGED,

    /** Objective met, or no reward used. */
    NO_CHARGE,

    /** Cancelled. */
    REVOKED
}
