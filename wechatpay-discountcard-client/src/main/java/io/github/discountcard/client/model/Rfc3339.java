package io.github.discountcard.client.model;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * RFC 3339 times as WeChat Pay APIv3 writes them, e.g. {@code 2015-05-20T13:29:35.120+08:00}.
 * <p>
 * Jackson 3's built-in {@link OffsetDateTime} support is not used for the model times because with its
 * defaults it loses information: reading adjusts every value to UTC
 * ({@code DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE} is enabled by default), and writing trims
 * trailing zeros of the fraction ({@code .120} becomes {@code .12}). The {@link Serializer} and
 * {@link Deserializer} here are put on every time component of the models, so any {@code ObjectMapper},
 * whatever its configuration, keeps the offset that WeChat sent:
 * <ul>
 * <li>reading accepts any RFC 3339 date-time with an offset ({@code Z} or {@code ±HH:MM}), with or without
 * a fraction of 1 to 9 digits; the offset is kept exactly. A blank string reads as {@code null};</li>
 * <li>writing always prints the seconds, then the fraction only when it is not zero, in 3, 6 or 9 digits
 * ({@code .120}, {@code .123456}), then the value's own offset ({@code +08:00}, or {@code Z} for UTC).</li>
 * </ul>
 */
public final class Rfc3339 {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private Rfc3339() {
    }

    /**
     * Formats {@code time} in RFC 3339 with its own offset, e.g. {@code 2015-05-20T13:29:35.120+08:00}.
     * @param time the time to format
     * @return the RFC 3339 text
     */
    public static String format(OffsetDateTime time) {
        StringBuilder text = new StringBuilder(35).append(DATE_TIME.format(time));
        int nanos = time.getNano();
        if (nanos != 0) {
            text.append('.');
            if (nanos % 1_000_000 == 0) {
                appendPadded(text, nanos / 1_000_000, 3);
            }
            else if (nanos % 1_000 == 0) {
                appendPadded(text, nanos / 1_000, 6);
            }
            else {
                appendPadded(text, nanos, 9);
            }
        }
        return text.append(time.getOffset().getId()).toString();
    }

    /**
     * Parses an RFC 3339 date-time with an offset, keeping that offset.
     * @param text the text, e.g. {@code 2015-05-20T13:29:35.120+08:00} or {@code 2015-05-20T05:29:35Z}
     * @return the time, with the offset of {@code text}
     * @throws DateTimeParseException if {@code text} is not an RFC 3339 date-time with an offset
     */
    public static OffsetDateTime parse(String text) {
        String trimmed = text.trim();
        OffsetDateTime usual = parseUsual(trimmed);
        if (usual != null) {
            return usual;
        }
        // RFC 3339 (section 5.6, NOTE) lets a space stand for the 'T'
        if (trimmed.length() > 10 && trimmed.charAt(10) == ' ') {
            trimmed = trimmed.substring(0, 10) + 'T' + trimmed.substring(11);
        }
        return OffsetDateTime.parse(trimmed, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /**
     * The form WeChat Pay writes, {@code uuuu-MM-ddTHH:mm:ss[.fraction](Z|±HH:MM)}, read without a formatter
     * (a formatter allocates a field map and boxes every field: this runs for every time in every answer);
     * {@code null} for anything else, which the formatter then reads (or refuses) as before.
     */
    static @Nullable OffsetDateTime parseUsual(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        char separator = text.charAt(10);
        if (separator != 'T' && separator != 't' && separator != ' ') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int at = 19;
        int nanos = 0;
        if (text.charAt(at) == '.') {
            int start = ++at;
            while (at < length && at - start < 9 && isDigit(text.charAt(at))) {
                nanos = nanos * 10 + (text.charAt(at++) - '0');
            }
            if (at == start || (at < length && isDigit(text.charAt(at)))) {
                return null;
            }
            for (int scale = at - start; scale < 9; scale++) {
                nanos *= 10;
            }
        }
        int offsetSeconds = offsetSeconds(text, at);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0
                || offsetSeconds == Integer.MIN_VALUE) {
            return null;
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, nanos,
                    ZoneOffset.ofTotalSeconds(offsetSeconds));
        }
        catch (DateTimeException ex) {
            return null; // out of range (month 13, offset +19:00...): the formatter says what is wrong
        }
    }

    /** {@code Z} or {@code ±HH:MM} ending the text at {@code at}, in seconds; {@link Integer#MIN_VALUE} if not. */
    private static int offsetSeconds(String text, int at) {
        int length = text.length();
        if (at == length - 1 && (text.charAt(at) == 'Z' || text.charAt(at) == 'z')) {
            return 0;
        }
        if (at != length - 6 || text.charAt(at + 3) != ':') {
            return Integer.MIN_VALUE;
        }
        char sign = text.charAt(at);
        int hours = digits(text, at + 1, 2);
        int minutes = digits(text, at + 4, 2);
        if ((sign != '+' && sign != '-') || hours < 0 || minutes < 0 || minutes > 59) {
            return Integer.MIN_VALUE;
        }
        int seconds = hours * 3600 + minutes * 60;
        return (sign == '-') ? -seconds : seconds;
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1 when one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static void appendPadded(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        text.append(digits);
    }

    /** Writes an {@link OffsetDateTime} with {@link Rfc3339#format(OffsetDateTime)}. */
    public static final class Serializer extends StdSerializer<OffsetDateTime> {

        /** Creates the serializer; Jackson does so from {@code @JsonSerialize(using = ...)}. */
        public Serializer() {
            super(OffsetDateTime.class);
        }

        @Override
        public void serialize(OffsetDateTime value, JsonGenerator generator, SerializationContext context)
                throws JacksonException {
            generator.writeString(format(value));
        }
    }

    /**
     * Reads an {@link OffsetDateTime} with {@link Rfc3339#parse(String)}, keeping its offset whatever the
     * mapper's time zone settings; a blank string reads as {@code null}.
     */
    public static final class Deserializer extends StdScalarDeserializer<OffsetDateTime> {

        /** Creates the deserializer; Jackson does so from {@code @JsonDeserialize(using = ...)}. */
        public Deserializer() {
            super(OffsetDateTime.class);
        }

        @Override
        public @Nullable OffsetDateTime deserialize(JsonParser parser, DeserializationContext context)
                throws JacksonException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (OffsetDateTime) context.handleUnexpectedToken(OffsetDateTime.class, parser);
            }
            String text = parser.getString();
            if (text.isBlank()) {
                return null;
            }
            try {
                return parse(text);
            }
            catch (DateTimeParseException ex) {
                return (OffsetDateTime) context.handleWeirdStringValue(OffsetDateTime.class, text,
                        "not an RFC 3339 date-time with an offset (e.g. 2015-05-20T13:29:35.120+08:00): %s",
                        ex.getMessage());
            }
        }
    }
}
