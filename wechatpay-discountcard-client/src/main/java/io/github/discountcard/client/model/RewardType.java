package io.github.discountcard.client.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * The {@code reward_type} of a reward record: whether the user used a reward or a use was taken back.
 * <p>
 * An {@link OpenValue}: a value WeChat Pay adds later still parses and round-trips.
 */
public final class RewardType extends OpenValue {

    /** The record adds a use of the reward. */
    public static final RewardType INCREASE = new RewardType("INCREASE", true);

    /**
     * The record takes a use of the reward back (e.g. after a refund; the API documents only the value's
     * name).
     */
    public static final RewardType DECREASE = new RewardType("DECREASE", true);

    private static final List<RewardType> KNOWN = List.of(INCREASE, DECREASE);

    private RewardType(String value, boolean known) {
        super(value, known);
    }

    /**
     * The value for {@code value}: one of the constants when known (exact, case-sensitive match), otherwise
     * a new instance that keeps {@code value}.
     * @param value the raw value
     * @return the value
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static RewardType of(String value) {
        return resolve(KNOWN, value, (raw) -> new RewardType(raw, false));
    }

    /**
     * The values documented when this library was written.
     * @return the known values
     */
    public static List<RewardType> knownValues() {
        return KNOWN;
    }
}
