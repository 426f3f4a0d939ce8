package io.github.discountcard.client.model;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * A value from an open set, such as an order state: what {@code enum} would be, except that a value WeChat Pay
 * adds later reads as an instance that is not {@linkplain #isKnown() known}, keeps its raw text and writes back
 * unchanged, so parsing never breaks. Equal when of the same type and raw value.
 */
public abstract class OpenValue {

    private final String value;

    private final boolean known;

    protected OpenValue(String value, boolean known) {
        this.value = value;
        this.known = known;
    }

    /** The constant among {@code known} with this raw value (exact, case-sensitive), else a new unknown one. */
    static <T extends OpenValue> T resolve(List<T> known, String value, Function<String, T> unknown) {
        for (T candidate : known) {
            if (candidate.value().equals(value)) {
                return candidate;
            }
        }
        return unknown.apply(value);
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
     * Whether this is one of the values documented when this library was written (a constant of its class).
     * @return {@code true} for a documented value, {@code false} for one unknown to this library
     */
    public boolean isKnown() {
        return this.known;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return this == other || (other != null && other.getClass() == getClass()
                && this.value.equals(((OpenValue) other).value));
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
