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
 * An objective completion record as {@link DiscountCardOrder#objectives()} returns it: the fields of an
 * {@link Objective} plus the objective's {@code name} and {@code unit}. JSON properties this version does not know
 * are kept in {@code unknownFields}.
 * <p>
 * The components WeChat documents as required are declared non-null, but nothing is checked while parsing:
 * a field WeChat leaves out reads as {@code null}.
 *
 * @param objectiveSerialNo {@code objective_serial_no}: the merchant's serial number of the record
 * @param objectiveId {@code objective_id}: the id of the card's objective
 * @param name {@code name}: the objective's name
 * @param unit {@code unit}: the unit of {@code count} (e.g. 次)
 * @param performanceDescription {@code performance_description}: what the user did
 * @param performanceType {@code performance_type}: {@code INCREASE}, {@code DECREASE} or a future value
 * @param count {@code count}: how many
 * @param performanceTime {@code performance_time}: when, with the offset WeChat sent
 * @param remark {@code remark}: optional remark
 * @param unknownFields the JSON properties this version does not know, kept for a round trip; never
 * {@code null}; {@code toString()} names them without their values
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ObjectiveRecord(
        @JsonProperty("objective_serial_no") String objectiveSerialNo,
        @JsonProperty("objective_id") Long objectiveId,
        @JsonProperty("name") @Nullable String name,
        @JsonProperty("unit") @Nullable String unit,
        @JsonProperty("performance_description") String performanceDescription,
        @JsonProperty("performance_type") PerformanceType performanceType,
        @JsonProperty("count") Long count,
        @JsonProperty("performance_time") @JsonSerialize(using = Rfc3339.Serializer.class)
        @JsonDeserialize(using = Rfc3339.Deserializer.class) OffsetDateTime performanceTime,
        @JsonProperty("remark") @Nullable String remark,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> unknownFields) {

    public ObjectiveRecord {
        unknownFields = UnknownFields.copyOf(unknownFields);
    }

    /** The record with no unknown fields: for code that builds one rather than reading it. */
    public ObjectiveRecord(String objectiveSerialNo, Long objectiveId, @Nullable String name, @Nullable String unit,
            String performanceDescription, PerformanceType performanceType, Long count, OffsetDateTime performanceTime,
            @Nullable String remark) {
        this(objectiveSerialNo, objectiveId, name, unit, performanceDescription, performanceType, count,
                performanceTime, remark, Map.of());
    }
}
