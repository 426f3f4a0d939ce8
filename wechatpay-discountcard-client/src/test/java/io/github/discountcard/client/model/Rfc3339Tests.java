package io.github.discountcard.client.model;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class Rfc3339Tests {

    private final ObjectMapper mapper = JsonMapper.builder().build();

    @ParameterizedTest
    @ValueSource(strings = { "2015-05-20T13:29:35.120+08:00", "2015-05-20T13:29:35+08:00",
            "2015-05-20T13:29:35.123456+08:00", "2015-05-20T13:29:35.123456789+08:00", "2015-05-20T05:29:35Z",
            "2015-05-20T05:29:35.001Z", "2015-05-20T13:29:35.120-03:30" })
    void timesRoundTripUnchangedThroughTheModels(String time) {
        String json = ModelExamples.UPDATE_REQUEST.replace("2015-05-20T13:29:35.120+08:00", time);

        UpdateOrderRequest request = this.mapper.readValue(json, UpdateOrderRequest.class);

        assertThat(request.objectives().get(0).performanceTime()).isEqualTo(OffsetDateTime.parse(time));
        assertThat(this.mapper.readTree(this.mapper.writeValueAsString(request))).isEqualTo(this.mapper.readTree(json));
    }

    @Test
    void timesWithAndWithoutMillisecondsKeepTheOffset() {
        OffsetDateTime withMillis = Rfc3339.parse("2015-05-20T13:29:35.120+08:00");
        OffsetDateTime withoutMillis = Rfc3339.parse("2015-05-20T13:29:35+08:00");

        assertThat(withMillis.getOffset()).isEqualTo(ZoneOffset.ofHours(8));
        assertThat(withMillis.getHour()).isEqualTo(13);
        assertThat(withMillis.getNano()).isEqualTo(120_000_000);
        assertThat(withoutMillis.getOffset()).isEqualTo(ZoneOffset.ofHours(8));
        assertThat(withoutMillis.getNano()).isZero();
    }

    @ParameterizedTest
    @CsvSource({ "2015-05-20T13:29:35.12+08:00, 2015-05-20T13:29:35.120+08:00",
            "2015-05-20T13:29:35.1+08:00, 2015-05-20T13:29:35.100+08:00",
            "2015-05-20T13:29:35.1234+08:00, 2015-05-20T13:29:35.123400+08:00",
            "2015-05-20T13:29:35.000+08:00, 2015-05-20T13:29:35+08:00",
            "2015-05-20T05:29:35+00:00, 2015-05-20T05:29:35Z", "2015-05-20t05:29:35z, 2015-05-20T05:29:35Z",
            "2015-05-20 13:29:35.120+08:00, 2015-05-20T13:29:35.120+08:00" })
    void otherRfc3339SpellingsAreReadAndWrittenCanonically(String text, String canonical) {
        assertThat(Rfc3339.format(Rfc3339.parse(text))).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = { "2015-05-20T13:29:35.120+08:00", "2015-05-20T05:29:35Z", "2015-05-20t05:29:35z",
            "2015-05-20 13:29:35+08:00", "2015-05-20T13:29:35.123456789-03:30", "2015-05-20T13:29:35.1+14:00",
            "2015-05-20T13:29:35-00:00", "0001-01-01T00:00:00+18:00", "9999-12-31T23:59:59.999999999-18:00",
            "2016-02-29T12:00:00+05:45", "2015-02-29T12:00:00+08:00", "2015-13-20T13:29:35+08:00",
            "2015-05-20T24:00:00+08:00", "2015-05-20T13:60:00+08:00", "2015-05-20T13:29:60+08:00",
            "2015-05-20T13:29:35+19:00", "2015-05-20T13:29:35+08:60", "2015-05-20T13:29:35.+08:00",
            "2015-05-20T13:29:35.1234567890+08:00", "2015-05-20T13:29+08:00", "2015-05-20T13:29:35+08",
            "2015-05-20T13:29:35+0800", "2015-05-20T13:29:35+08:00:00", "+2015-05-20T13:29:35Z",
            "2015-05-20T13:29:35 +08:00", "2015-05-20X13:29:35+08:00", "2015-05-2aT13:29:35+08:00",
            "2015-05-20T13:29:35.12a+08:00", "2015-05-20T13:29:35Zz" })
    void theFastReaderAgreesWithTheIsoFormatter(String text) {
        String iso = text.replace(' ', 'T');
        OffsetDateTime expected;
        try {
            expected = OffsetDateTime.parse(iso, java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        catch (DateTimeParseException ex) {
            expected = null;
        }
        if (expected == null) {
            assertThat(Rfc3339.parseUsual(text)).isNull();
            assertThatExceptionOfType(DateTimeParseException.class).isThrownBy(() -> Rfc3339.parse(text));
        }
        else {
            assertThat(Rfc3339.parse(text)).isEqualTo(expected);
            OffsetDateTime usual = Rfc3339.parseUsual(text);
            if (usual != null) {
                assertThat(usual).isEqualTo(expected);
            }
        }
    }

    @Test
    void formatKeepsTheOffsetOfTheValue() {
        assertThat(Rfc3339.format(OffsetDateTime.of(2015, 5, 20, 13, 29, 35, 120_000_000, ZoneOffset.ofHours(8))))
            .isEqualTo("2015-05-20T13:29:35.120+08:00");
        assertThat(Rfc3339.format(OffsetDateTime.of(2015, 5, 20, 13, 0, 0, 0, ZoneOffset.ofHours(8))))
            .isEqualTo("2015-05-20T13:00:00+08:00");
    }

    @ParameterizedTest
    @ValueSource(strings = { "2015-05-20T13:29:35", "2015-05-20", "20150520T132935+0800", "yesterday" })
    void textsWithoutAnOffsetOrNotRfc3339AreRejected(String text) {
        assertThatExceptionOfType(DateTimeParseException.class).isThrownBy(() -> Rfc3339.parse(text));
        String json = ModelExamples.UPDATE_REQUEST.replace("2015-05-20T13:29:35.120+08:00", text);
        assertThatExceptionOfType(DatabindException.class)
            .isThrownBy(() -> this.mapper.readValue(json, UpdateOrderRequest.class))
            .withMessageContaining("RFC 3339");
    }

    @Test
    void blankAndNullTimesReadAsNull() {
        DiscountCardOrder blank = this.mapper.readValue(ModelExamples.MINIMAL_ORDER.replace("\"state\"",
                "\"pay_time\": \"\", \"state\""), DiscountCardOrder.class);
        DiscountCardOrder nullTime = this.mapper.readValue(ModelExamples.MINIMAL_ORDER.replace("\"state\"",
                "\"pay_time\": null, \"state\""), DiscountCardOrder.class);

        assertThat(blank.payTime()).isNull();
        assertThat(nullTime.payTime()).isNull();
    }

    @Test
    void aNumberIsNotATime() {
        assertThatExceptionOfType(DatabindException.class).isThrownBy(() -> this.mapper
            .readValue(ModelExamples.MINIMAL_ORDER.replace("\"state\"", "\"pay_time\": 1432099775, \"state\""),
                    DiscountCardOrder.class));
    }
}
