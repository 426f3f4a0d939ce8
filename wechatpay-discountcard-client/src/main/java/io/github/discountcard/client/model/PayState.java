package io.github.discountcard.client.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * The {@code pay_state} of a card's {@link PayInformation}: the charge-back of used rewards.
 * <p>
 * An {@link OpenValue}: a value WeChat Pay adds later still parses and round-trips.
 */
public final class PayState extends OpenValue {

    /** The charge-back is being paid. */
    public static final PayState PAYING = new PayState("PAYING", true);

    /** The charge-back is paid. */
    public static final PayState PAID = new PayState("PAID", true);

    private static final List<PayState> KNOWN = List.of(PAYING, PAID);

    private PayState(String value, boolean known) {
        super(value, known);
    }

    /**
     * The value for {@code value}: one of the constants when known (exact, case-sensitive match), otherwise
     * a new instance that keeps {@code value}.
     * @param value the raw value
     * @return the value
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static PayState of(String value) {
        return resolve(KNOWN, value, (raw) -> new PayState(raw, false));
    }

    /**
     * The values documented when this library was written.
     * @return the known values
     */
    public static List<PayState> knownValues() {
        return KNOWN;
    }
}
