package io.github.discountcard.client.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * The {@code state} of a discount card (cards family).
 * <p>
 * An {@link OpenValue}: a value WeChat Pay adds later still parses and round-trips.
 */
public final class CardState extends OpenValue {

    /** The card is in its period: the user claimed it and objectives are being tracked. */
    public static final CardState ONGOING = new CardState("ONGOING", true);

    /** The period is over and the card is being settled; records may still be corrected. */
    public static final CardState SETTLING = new CardState("SETTLING", true);

    /** The objectives were met. */
    public static final CardState FINISHED = new CardState("FINISHED", true);

    /** The objectives were missed, or the user quit (see {@link UnfinishedReason}). */
    public static final CardState UNFINISHED = new CardState("UNFINISHED", true);

    private static final List<CardState> KNOWN = List.of(ONGOING, SETTLING, FINISHED, UNFINISHED);

    private CardState(String value, boolean known) {
        super(value, known);
    }

    /**
     * The value for {@code value}: one of the constants when known (exact, case-sensitive match), otherwise
     * a new instance that keeps {@code value}.
     * @param value the raw value
     * @return the value
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static CardState of(String value) {
        return resolve(KNOWN, value, (raw) -> new CardState(raw, false));
    }

    /**
     * The values documented when this library was written.
     * @return the known values
     */
    public static List<CardState> knownValues() {
        return KNOWN;
    }
}
