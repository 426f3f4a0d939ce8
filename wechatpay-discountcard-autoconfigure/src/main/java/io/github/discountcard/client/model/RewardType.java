package io.github.discountcard.client.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * The {@code reward_type} of a reward record: whether the user used a reward or a use was taken back.
 * <p>
 * An open set rather than a Java {@code enum}: a value WeChat adds later reads as an instance that is not
 * {@linkplain #isKnown() known}, keeps its raw text and writes back unchanged, so parsing never breaks.
 * Compare with {@code equals} (or {@code ==} for values obtained from {@link #of(String)}: known values
 * always resolve to the constants).
 */
public final class RewardType {

    /** The record adds a use of the reward. */
    public static final RewardType INCREASE = new RewardType("INCREASE", true);

    /**
     * The record takes a use of the reward back (e.g. after a refund; the API documents only the value's
     * name).
     */
    public static final RewardType DECREASE = new RewardType("DECREASE", true);

    private static final List<RewardType> KNOWN = List.of(INCREASE, DECREASE);

    private final String value;

    private final boolean known;

    private RewardType(String value, boolean known) {
        this.value = value;
        this.known = known;
    }

    /**
     * The type for {@code value}: one of the constants when known (exact, case-sensitive match), otherwise
     * a new instance that keeps {@code value}.
     * @param value the raw value, e.g. {@code "INCREASE"}
     * @return the type
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static RewardType of(String value) {
        for (RewardType type : KNOWN) {
            if (type.value.equals(value)) {
                return type;
            }
        }
        return new RewardType(value, false);
    }

    /**
     * The types documented when this library was written.
     * @return the known types
     */
    public static List<RewardType> knownValues() {
        return KNOWN;
    }

    /**
     * The raw value as sent on the wire.
     * @return the raw value
     */
    @JsonValue
    public String value() {
        return this.value;
    }

    /**
     * Whether this is one of the documented types (the constants of this class).
     * @return {@code true} for a documented type, {@code false} for a value unknown to this library
     */
    public boolean isKnown() {
        return this.known;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return this == other || (other instanceof RewardType type && this.value.equals(type.value));
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
