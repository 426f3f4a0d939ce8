package io.github.discountcard.client;

import io.github.discountcard.client.model.DiscountCardOrder;
import io.github.discountcard.client.model.UpdateOrderRequest;
import io.github.discountcard.client.model.UpdateOrderResponse;
import reactor.core.publisher.Mono;

/**
 * Updates and queries WeChat Pay discount card (先享卡) orders. Every request is signed and every response
 * verified before it is decoded; failures are {@link WechatPayException}s.
 * <p>
 * Invalid input ends in a {@link WechatPayInvalidRequestException} naming the field, and nothing is sent.
 * <p>
 * A verified answer must be about what was asked (the {@code out_order_no}, or the {@code out_trade_no} of the
 * by-trade-number query); otherwise the call fails with a {@link WechatPayInvalidResponseException} ("answer for
 * another order"). Not detectable by any client: a genuine earlier answer about the same order, replayed within
 * the five-minute timestamp window.
 */
public interface DiscountCardClient {

    /** {@code PATCH /v3/discount-card/orders/{out_order_no}}: report objective and reward records. */
    Mono<UpdateOrderResponse> updateOrder(String outOrderNo, UpdateOrderRequest request);

    /** {@code GET /v3/discount-card/orders/{out_order_no}}. */
    Mono<DiscountCardOrder> getOrder(String outOrderNo);

    /** {@code GET /v3/discount-card/orders/out-trade-no/{out_trade_no}}. */
    Mono<DiscountCardOrder> getOrderByOutTradeNo(String outTradeNo);
}
