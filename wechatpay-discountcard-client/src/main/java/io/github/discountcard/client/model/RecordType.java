package io.github.discountcard.client.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * The {@code completion_type} of an {@link ObjectiveCompletionRecord} and the {@code usage_type} of a
 * {@link RewardUsageRecord}: whether the record adds to or takes back from the user's count.
 * <p>
 * An {@link OpenValue}: a value WeChat Pay adds later still parses and round-trips.
 */
public final class RecordType extends OpenValue {

    /** The record adds its count (the user did something, used a reward). */
    public static final RecordType INCREASE = new RecordType("INCREASE", true);

    /** The record takes its count back, e.g. after a refund. */
    public static final RecordType DECREASE = new RecordType("DECREASE", true);

    private static final List<RecordType> KNOWN = List.of(INCREASE, DECREASE);

    private RecordType(String value, boolean known) {
        super(value, known);
    }

    /**
     * The value for {@code value}: one of the constants when known (exact, case-sensitive match), otherwise
     * a new instance that keeps {@code value}.
     * @param value the raw value
     * @return the value
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static RecordType of(String value) {
        return resolve(KNOWN, value, (raw) -> new RecordType(raw, false));
    }

    /**
     * The values documented when this library was written.
     * @return the known values
     */
    public static List<RecordType> knownValues() {
        return KNOWN;
    }
}
