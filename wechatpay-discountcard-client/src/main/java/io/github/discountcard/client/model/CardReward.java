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
 * One reward (优惠) of a {@link DiscountCard}, with the usage records reported so far.
 *
 * @param rewardId {@code reward_id}: the id to report usages against (a string in this family)
 * @param name {@code name}: the reward's name
 * @param countType {@code count_type}: {@code COUNT_LIMIT}, {@code COUNT_UNLIMITED} or a future value
 * @param count {@code count}: how many times the reward can be used (with {@code COUNT_LIMIT})
 * @param unit {@code unit}: the unit of {@code count}
 * @param amount {@code amount}: the reward's value in fen
 * @param description {@code description}: optional description
 * @param rewardUsageRecords {@code reward_usage_records}: never {@code null}
 * @param unknownFields the JSON properties this version does not know, kept for a round trip; never
 * {@code null}; {@code toString()} names them without their values
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CardReward(
        @JsonProperty("reward_id") @Nullable String rewardId,
        @JsonProperty("name") @Nullable String name,
        @JsonProperty("count_type") @Nullable CountType countType,
        @JsonProperty("count") @Nullable Long count,
        @JsonProperty("unit") @Nullable String unit,
        @JsonProperty("amount") @Nullable Long amount,
        @JsonProperty("description") @Nullable String description,
        @JsonProperty("reward_usage_records") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<RewardUsageRecord> rewardUsageRecords,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> unknownFields) {

    public CardReward {
        unknownFields = UnknownFields.copyOf(unknownFields);
        rewardUsageRecords = ModelLists.copyOf(rewardUsageRecords);
    }

    /** The record with no unknown fields: for code that builds one rather than reading it. */
    public CardReward(@Nullable String rewardId, @Nullable String name, @Nullable CountType countType,
            @Nullable Long count, @Nullable String unit, @Nullable Long amount, @Nullable String description,
            List<RewardUsageRecord> rewardUsageRecords) {
        this(rewardId, name, countType, count, unit, amount, description, rewardUsageRecords, Map.of());
    }
}
