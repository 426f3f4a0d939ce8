package io.github.discountcard.client.model;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One objective (目标) of a {@link DiscountCard}, with the completion records reported so far.
 *
 * @param objectiveId {@code objective_id}: the id to report completions against (a string in this family)
 * @param name {@code name}: the objective's name
 * @param count {@code count}: how many completions the objective needs
 * @param unit {@code unit}: the unit of {@code count} (e.g. 次)
 * @param description {@code description}: optional description
 * @param objectiveCompletionRecords {@code objective_completion_records}: never {@code null}
 * @param unknownFields the JSON properties this version does not know, kept for a round trip; never
 * {@code null}; {@code toString()} names them without their values
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CardObjective(
        @JsonProperty("objective_id") @Nullable String objectiveId,
        @JsonProperty("name") @Nullable String name,
        @JsonProperty("count") @Nullable Long count,
        @JsonProperty("unit") @Nullable String unit,
        @JsonProperty("description") @Nullable String description,
        @JsonProperty("objective_completion_records") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<ObjectiveCompletionRecord> objectiveCompletionRecords,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> unknownFields) {

    public CardObjective {
        unknownFields = UnknownFields.copyOf(unknownFields);
        objectiveCompletionRecords = ModelLists.copyOf(objectiveCompletionRecords);
    }

    /** The record with no unknown fields: for code that builds one rather than reading it. */
    public CardObjective(@Nullable String objectiveId, @Nullable String name, @Nullable Long count,
            @Nullable String unit, @Nullable String description,
            List<ObjectiveCompletionRecord> objectiveCompletionRecords) {
        this(objectiveId, name, count, unit, description, objectiveCompletionRecords, Map.of());
    }
}
