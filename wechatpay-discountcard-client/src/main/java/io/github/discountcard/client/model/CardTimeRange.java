package io.github.discountcard.client.model;

import java.time.OffsetDateTime;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * The {@code time_range} of a {@link DiscountCard}: the card's period, times with the offset WeChat sent.
 *
 * @param beginTime {@code begin_time}: when the period starts
 * @param endTime {@code end_time}: when the period ends
 * @param unknownFields the JSON properties this version does not know, kept for a round trip; never
 * {@code null}; {@code toString()} names them without their values
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CardTimeRange(
        @JsonProperty("begin_time") @JsonSerialize(using = Rfc3339.Serializer.class)
        @JsonDeserialize(using = Rfc3339.Deserializer.class) @Nullable OffsetDateTime beginTime,
        @JsonProperty("end_time") @JsonSerialize(using = Rfc3339.Serializer.class)
        @JsonDeserialize(using = Rfc3339.Deserializer.class) @Nullable OffsetDateTime endTime,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> unknownFields) {

    public CardTimeRange {
        unknownFields = UnknownFields.copyOf(unknownFields);
    }

    /** The record with no unknown fields: for code that builds one rather than reading it. */
    public CardTimeRange(@Nullable OffsetDateTime beginTime, @Nullable OffsetDateTime endTime) {
        this(beginTime, endTime, Map.of());
    }
}
