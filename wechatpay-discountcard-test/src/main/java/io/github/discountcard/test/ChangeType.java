package io.github.discountcard.test;

/** {@code performance_type} of an objective record and {@code reward_type} of a reward record. */
public enum ChangeType {

    /** The record adds (objective progress made, reward used). */
    INCREASE,

    /** The record takes back an earlier one (e.g. a refunded purchase). */
    DECREASE
}
