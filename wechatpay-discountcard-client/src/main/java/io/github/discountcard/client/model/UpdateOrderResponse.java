package io.github.discountcard.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The 200 response of {@code PATCH /v3/discount-card/orders/{out_order_no}}. Unknown JSON properties are
 * ignored. Both components are always sent by WeChat; they are not checked while parsing.
 *
 * @param outOrderNo {@code out_order_no}: the discount card order number
 * @param orderId {@code order_id}: the WeChat Pay service order number
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record UpdateOrderResponse(
        @JsonProperty("out_order_no") String outOrderNo,
        @JsonProperty("order_id") String orderId) {
}
