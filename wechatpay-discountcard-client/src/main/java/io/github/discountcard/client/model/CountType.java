package io.github.discountcard.client.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * The {@code count_type} of a card's {@link CardReward}: whether the reward can be used a limited number of times.
 * <p>
 * An {@link OpenValue}: a value WeChat Pay adds later still parses and round-trips.
 */
public final class CountType extends OpenValue {

    /** The reward can be used at most {@code count} times. */
    public static final CountType COUNT_LIMIT = new CountType("COUNT_LIMIT", true);

    /** The reward can be used any number of times. */
    public static final CountType COUNT_UNLIMITED = new CountType("COUNT_UNLIMITED", true);

    private static final List<CountType> KNOWN = List.of(COUNT_LIMIT, COUNT_UNLIMITED);

    private CountType(String value, boolean known) {
        super(value, known);
    }

    /**
     * The value for {@code value}: one of the constants when known (exact, case-sensitive match), otherwise
     * a new instance that keeps {@code value}.
     * @param value the raw value
     * @return the value
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static CountType of(String value) {
        return resolve(KNOWN, value, (raw) -> new CountType(raw, false));
    }

    /**
     * The values documented when this library was written.
     * @return the known values
     */
    public static List<CountType> knownValues() {
        return KNOWN;
    }
}
