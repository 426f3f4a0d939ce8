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
 * A reward usage record as {@link DiscountCardOrder#rewards()} returns it: the fields of a {@link Reward}
 * plus the reward's {@code name} and {@code unit}. JSON properties this version does not know are kept in
 * {@code unknownFields}.
 * <p>
 * The components WeChat documents as required are declared non-null, but nothing is checked while parsing:
 * a field WeChat leaves out reads as {@code null}.
 *
 * @param rewardSerialNo {@code reward_serial_no}: the merchant's serial number of the record
 * @param rewardId {@code reward_id}: the id of the card's reward
 * @param name {@code name}: the reward's name
 * @param unit {@code unit}: the unit of {@code count} (e.g. 张)
 * @param description {@code description}: what the reward was
 * @param rewardType {@code reward_type}: {@code INCREASE}, {@code DECREASE} or a future value
 * @param count {@code count}: how many
 * @param amount {@code amount}: the amount in fen (分)
 * @param rewardTime {@code reward_time}: when, with the offset WeChat sent
 * @param remark {@code remark}: optional remark
 * @param unknownFields the JSON properties this version does not know, kept for a round trip; never
 * {@code null}; {@code toString()} names them without their values
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RewardRecord(
        @JsonProperty("reward_serial_no") String rewardSerialNo,
        @JsonProperty("reward_id") Long rewardId,
        @JsonProperty("name") @Nullable String name,
        @JsonProperty("unit") @Nullable String unit,
        @JsonProperty("description") String description,
        @JsonProperty("reward_type") RewardType rewardType,
        @JsonProperty("count") Long count,
        @JsonProperty("amount") Long amount,
        @JsonProperty("reward_time") @JsonSerialize(using = Rfc3339.Serializer.class)
        @JsonDeserialize(using = Rfc3339.Deserializer.class) OffsetDateTime rewardTime,
        @JsonProperty("remark") @Nullable String remark,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> unknownFields) {

    public RewardRecord {
        unknownFields = UnknownFields.copyOf(unknownFields);
    }

    /** The record with no unknown fields: for code that builds one rather than reading it. */
    public RewardRecord(String rewardSerialNo, Long rewardId, @Nullable String name, @Nullable String unit,
            String description, RewardType rewardType, Long count, Long amount, OffsetDateTime rewardTime,
            @Nullable String remark) {
        this(rewardSerialNo, rewardId, name, unit, description, rewardType, count, amount, rewardTime, remark,
                Map.of());
    }
}
