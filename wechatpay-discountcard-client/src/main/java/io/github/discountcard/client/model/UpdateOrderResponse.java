package io.github.discountcard.client.model;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The 200 response of {@code PATCH /v3/discount-card/orders/{out_order_no}}. JSON properties this version
 * does not know are kept in {@code unknownFields}. Both components are always sent by WeChat; they are not checked while parsing.
 *
 * @param outOrderNo {@code out_order_no}: the discount card order number
 * @param orderId {@code order_id}: the WeChat Pay service order number
 * @param unknownFields the JSON properties this version does not know, kept for a round trip; never
 * {@code null}; {@code toString()} names them without their values
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record UpdateOrderResponse(
        @JsonProperty("out_order_no") String outOrderNo,
        @JsonProperty("order_id") String orderId,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> unknownFields) {

    public UpdateOrderResponse {
        unknownFields = UnknownFields.copyOf(unknownFields);
    }

    /** The record with no unknown fields: for code that builds one rather than reading it. */
    public UpdateOrderResponse(String outOrderNo, String orderId) {
        this(outOrderNo, orderId, Map.of());
    }
}
