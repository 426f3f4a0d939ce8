package io.github.discountcard.client;

import java.time.Duration;

import io.github.discountcard.client.model.AddUserRecordsRequest;
import io.github.discountcard.client.model.DiscountCard;
import io.github.discountcard.client.model.DiscountCardOrder;
import io.github.discountcard.client.model.PrepareCardRequest;
import io.github.discountcard.client.model.PrepareCardResponse;
import io.github.discountcard.client.model.UpdateOrderRequest;
import io.github.discountcard.client.model.UpdateOrderResponse;
import reactor.core.publisher.Mono;

/**
 * Calls the WeChat Pay discount card (先享卡) APIv3 endpoints. Every request is signed and every response
 * verified before it is decoded (a {@code 204} too, over its empty body); failures are {@link WechatPayException}s.
 * <p>
 * Two API families are served. The <b>cards family</b> ({@link #prepareCard}, {@link #addUserRecords},
 * {@link #getCard}) is the current one. The <b>orders family</b> ({@link #updateOrder}, {@link #getOrder},
 * {@link #getOrderByOutTradeNo}) is marked deprecated in WeChat's API descriptions in favour of the cards family;
 * it keeps working here for merchants onboarded on it (WeChat has announced no shutdown date).
 * <p>
 * Invalid input ends in a {@link WechatPayInvalidRequestException} naming the field, and nothing is sent.
 * <p>
 * A verified answer must be about what was asked (the {@code out_order_no}, or the {@code out_trade_no} of the
 * by-trade-number query); otherwise the call fails with a {@link WechatPayInvalidResponseException} ("answer for
 * another order"). Not detectable by any client: a genuine earlier answer about the same order, replayed within
 * the five-minute timestamp window.
 */
public interface DiscountCardClient {

    /**
     * {@code PATCH /v3/discount-card/orders/{out_order_no}}: report objective and reward records.
     * <p>
     * Orders family: deprecated in WeChat's API descriptions in favour of {@link #addUserRecords}.
     */
    Mono<UpdateOrderResponse> updateOrder(String outOrderNo, UpdateOrderRequest request);

    /**
     * {@code GET /v3/discount-card/orders/{out_order_no}}.
     * <p>
     * Orders family: deprecated in WeChat's API descriptions in favour of {@link #getCard}.
     */
    Mono<DiscountCardOrder> getOrder(String outOrderNo);

    /**
     * {@code GET /v3/discount-card/orders/out-trade-no/{out_trade_no}}.
     * <p>
     * Orders family: deprecated in WeChat's API descriptions in favour of {@link #getCard}.
     */
    Mono<DiscountCardOrder> getOrderByOutTradeNo(String outTradeNo);

    /**
     * {@code POST /v3/discount-card/cards} (预受理领卡请求): prepares a user's claim of a card. The answer's
     * {@code prepare_card_token} opens WeChat's claim page (see
     * {@code io.github.discountcard.client.launch.CardLaunch}); WeChat then notifies {@code notify_url}.
     * <p>
     * Retried on connection failures, timeouts and 5xx like an update: {@code out_card_code} is unique per
     * merchant, so a repeated prepare cannot create a second card.
     * @param request all four fields are required, see {@link PrepareCardRequest#problems()}
     * @return the prepare card token
     */
    Mono<PrepareCardResponse> prepareCard(PrepareCardRequest request);

    /**
     * {@code POST /v3/discount-card/cards/{out_card_code}/add-user-records} (增加用户记录): reports what the user did
     * towards the card's objectives and which rewards they used. WeChat answers {@code 204 No Content}, which is
     * verified too: a missing, stale, probe or wrong signature is a {@link WechatPaySignatureException}, never a
     * success.
     * <p>
     * Safe to retry (and retried on connection failures, timeouts and 5xx): WeChat applies each record's serial
     * number ({@code objective_completion_serial_no}, {@code reward_usage_serial_no}) once and answers a repeat
     * with success. At most one objective completion record per call.
     * @param outCardCode the merchant's card code
     * @param request see {@link AddUserRecordsRequest#problems()} for what is checked before sending
     * @return completes empty when WeChat accepted the records
     */
    Mono<Void> addUserRecords(String outCardCode, AddUserRecordsRequest request);

    /**
     * {@code GET /v3/discount-card/cards/{out_card_code}}: the card with its objectives, rewards and records. An
     * answer about another card is a {@link WechatPayInvalidResponseException} ("answer for another card"); a
     * replayed earlier answer about the same card, signed within the 5-minute window, cannot be told apart.
     * @param outCardCode the merchant's card code
     * @return the card
     */
    Mono<DiscountCard> getCard(String outCardCode);

    /**
     * A blocking view of this client for Spring MVC and other thread-per-request code, waiting at most
     * {@link BlockingDiscountCardClient#DEFAULT_TIMEOUT} (10 s) for each call.
     */
    default BlockingDiscountCardClient blocking() {
        return new BlockingDiscountCardClient(this, BlockingDiscountCardClient.DEFAULT_TIMEOUT);
    }

    /**
     * A blocking view of this client whose calls hold the calling thread at most {@code timeout}; see
     * {@link BlockingDiscountCardClient} for how to choose it.
     */
    default BlockingDiscountCardClient blocking(Duration timeout) {
        return new BlockingDiscountCardClient(this, timeout);
    }
}
