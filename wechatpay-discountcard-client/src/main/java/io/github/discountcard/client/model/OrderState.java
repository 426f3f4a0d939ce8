package io.github.discountcard.client.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * The {@code state} of a discount card order.
 * <p>
 * An {@link OpenValue}: a value WeChat Pay adds later still parses and round-trips.
 */
public final class OrderState extends OpenValue {

    /** The card was claimed and the order created. */
    public static final OrderState CREATED = new OrderState("CREATED", true);

    /** The card expired and the order is being settled. */
    public static final OrderState SETTLING = new OrderState("SETTLING", true);

    /** The objectives were missed and rewards were used: the user is being charged back. */
    public static final OrderState CHARGING = new OrderState("CHARGING", true);

    /** The charge-back is done. */
    public static final OrderState CHARGED = new OrderState("CHARGED", true);

    /** The objectives were met, or no reward was used: nothing to charge. */
    public static final OrderState NO_CHARGE = new OrderState("NO_CHARGE", true);

    /** The order was cancelled. */
    public static final OrderState REVOKED = new OrderState("REVOKED", true);

    private static final List<OrderState> KNOWN = List.of(CREATED, SETTLING, CHARGING, CHARGED, NO_CHARGE, REVOKED);

    private OrderState(String value, boolean known) {
        super(value, known);
    }

    /**
     * The value for {@code value}: one of the constants when known (exact, case-sensitive match), otherwise
     * a new instance that keeps {@code value}.
     * @param value the raw value
     * @return the value
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static OrderState of(String value) {
        return resolve(KNOWN, value, (raw) -> new OrderState(raw, false));
    }

    /**
     * The values documented when this library was written.
     * @return the known values
     */
    public static List<OrderState> knownValues() {
        return KNOWN;
    }
}
