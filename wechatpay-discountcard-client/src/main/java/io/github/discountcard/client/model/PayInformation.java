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
 * The {@code pay_information} of a {@link DiscountCard}: the charge-back of rewards used on a card whose
 * objectives were missed.
 *
 * @param payAmount {@code pay_amount}: the amount charged back, in fen
 * @param payState {@code pay_state}: {@code PAYING}, {@code PAID} or a future value
 * @param transactionId {@code transaction_id}: optional WeChat Pay transaction id, once paid
 * @param payTime {@code pay_time}: optional time of payment
 * @param unknownFields the JSON properties this version does not know, kept for a round trip; never
 * {@code null}; {@code toString()} names them without their values
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PayInformation(
        @JsonProperty("pay_amount") @Nullable Long payAmount,
        @JsonProperty("pay_state") @Nullable PayState payState,
        @JsonProperty("transaction_id") @Nullable String transactionId,
        @JsonProperty("pay_time") @JsonSerialize(using = Rfc3339.Serializer.class)
        @JsonDeserialize(using = Rfc3339.Deserializer.class) @Nullable OffsetDateTime payTime,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> unknownFields) {

    public PayInformation {
        unknownFields = UnknownFields.copyOf(unknownFields);
    }

    /** The record with no unknown fields: for code that builds one rather than reading it. */
    public PayInformation(@Nullable Long payAmount, @Nullable PayState payState, @Nullable String transactionId,
            @Nullable OffsetDateTime payTime) {
        this(payAmount, payState, transactionId, payTime, Map.of());
    }
}
