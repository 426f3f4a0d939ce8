package io.github.discountcard.client.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * The {@code performance_type} of an objective record: whether it adds to or takes back from the
 * user's progress towards the objective.
 * <p>
 * An {@link OpenValue}: a value WeChat Pay adds later still parses and round-trips.
 */
public final class PerformanceType extends OpenValue {

    /** The record adds {@code count} to the user's progress towards the objective. */
    public static final PerformanceType INCREASE = new PerformanceType("INCREASE", true);

    /**
     * The record takes {@code count} back from the user's progress (e.g. after a refund; the API documents
     * only the value's name).
     */
    public static final PerformanceType DECREASE = new PerformanceType("DECREASE", true);

    private static final List<PerformanceType> KNOWN = List.of(INCREASE, DECREASE);

    private PerformanceType(String value, boolean known) {
        super(value, known);
    }

    /**
     * The value for {@code value}: one of the constants when known (exact, case-sensitive match), otherwise
     * a new instance that keeps {@code value}.
     * @param value the raw value
     * @return the value
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static PerformanceType of(String value) {
        return resolve(KNOWN, value, (raw) -> new PerformanceType(raw, false));
    }

    /**
     * The values documented when this library was written.
     * @return the known values
     */
    public static List<PerformanceType> knownValues() {
        return KNOWN;
    }
}
