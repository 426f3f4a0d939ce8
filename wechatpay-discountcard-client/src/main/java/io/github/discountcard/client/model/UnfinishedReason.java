package io.github.discountcard.client.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * The {@code unfinished_reason} of a card in state {@link CardState#UNFINISHED}.
 * <p>
 * An {@link OpenValue}: a value WeChat Pay adds later still parses and round-trips.
 */
public final class UnfinishedReason extends OpenValue {

    /** The user quit the card. */
    public static final UnfinishedReason DUE_TO_QUIT = new UnfinishedReason("DUE_TO_QUIT", true);

    /** The user quit the card early. */
    public static final UnfinishedReason EARLY_QUIT = new UnfinishedReason("EARLY_QUIT", true);

    private static final List<UnfinishedReason> KNOWN = List.of(DUE_TO_QUIT, EARLY_QUIT);

    private UnfinishedReason(String value, boolean known) {
        super(value, known);
    }

    /**
     * The value for {@code value}: one of the constants when known (exact, case-sensitive match), otherwise
     * a new instance that keeps {@code value}.
     * @param value the raw value
     * @return the value
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static UnfinishedReason of(String value) {
        return resolve(KNOWN, value, (raw) -> new UnfinishedReason(raw, false));
    }

    /**
     * The values documented when this library was written.
     * @return the known values
     */
    public static List<UnfinishedReason> knownValues() {
        return KNOWN;
    }
}
