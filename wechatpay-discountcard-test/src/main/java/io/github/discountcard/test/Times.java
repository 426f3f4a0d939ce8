package io.github.discountcard.test;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

/** RFC 3339 times as WeChat Pay writes them: China time (+08:00). */
final class Times {

    static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    /** Order times, e.g. {@code 2015-05-20T13:29:35.120+08:00}. */
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    /** Certificate validity times, e.g. {@code 2018-06-08T10:34:56+08:00}. */
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private Times() {
    }

    static OffsetDateTime now(Clock clock) {
        return at(clock.instant());
    }

    static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), CHINA);
    }

    static String format(OffsetDateTime time) {
        return time.withOffsetSameInstant(CHINA).format(MILLIS);
    }

    static String formatSeconds(Instant instant) {
        return OffsetDateTime.ofInstant(instant, CHINA).format(SECONDS);
    }

    /** Parses an RFC 3339 date-time with an offset; {@code null} when it is not one. */
    static @Nullable OffsetDateTime parseOrNull(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        catch (DateTimeParseException ex) {
            return null;
        }
    }
}
