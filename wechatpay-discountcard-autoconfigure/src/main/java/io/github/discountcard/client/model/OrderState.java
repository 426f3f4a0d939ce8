package io.github.discountcard.client.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * The {@code state} of a discount card order.
 * <p>
 * An open set rather than a Java {@code enum}: a value WeChat adds later reads as an instance that is not
 * {@linkplain #isKnown() known}, keeps its raw text and writes back unchanged, so parsing never breaks.
 * Compare with {@code equals} (or {@code ==} for values obtained from {@link #of(String)}: known values
 * always resolve to the constants).
 */
public final class OrderState {

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

    private final String value;

    private final boolean known;

    private OrderState(String value, boolean known) {
        this.value = value;
        this.known = known;
    }

    /**
     * The state for {@code value}: one of the constants when known (exact, case-sensitive match), otherwise
     * a new instance that keeps {@code value}.
     * @param value the raw value, e.g. {@code "CREATED"}
     * @return the state
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static OrderState of(String value) {
        for (OrderState state : KNOWN) {
            if (state.value.equals(value)) {
                return state;
            }
        }
        return new OrderState(value, false);
    }

    /**
     * The states documented when this library was written.
     * @return the known states, in documentation order
     */
    public static List<OrderState> knownValues() {
        return KNOWN;
    }

    /**
     * The raw value as WeChat sends it.
     * @return the raw value
     */
    @JsonValue
    public String value() {
        return this.value;
    }

    /**
     * Whether this is one of the documented states (the constants of this class).
     * @return {@code true} for a documented state, {@code false} for a value unknown to this library
     */
    public boolean isKnown() {
        return this.known;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return this == other || (other instanceof OrderState state && this.value.equals(state.value));
    }

    @Override
    public int hashCode() {
        return this.value.hashCode();
    }

    @Override
    public String toString() {
        return this.value;
    }
}
