/**
 * Typed request and response bodies of the WeChat Pay APIv3 discount card (先享卡) endpoints.
 * <p>
 * The current <em>cards family</em>: {@code POST /v3/discount-card/cards}
 * ({@link io.github.discountcard.client.model.PrepareCardRequest} →
 * {@link io.github.discountcard.client.model.PrepareCardResponse}), {@code POST …/cards/{out_card_code}/add-user-records}
 * ({@link io.github.discountcard.client.model.AddUserRecordsRequest}) and {@code GET …/cards/{out_card_code}}
 * ({@link io.github.discountcard.client.model.DiscountCard}); its ids are strings.
 * <p>
 * The older <em>orders family</em>, marked deprecated in WeChat's API descriptions (ids are integers there):
 * {@code PATCH /v3/discount-card/orders/{out_order_no}} ({@link io.github.discountcard.client.model.UpdateOrderRequest}
 * → {@link io.github.discountcard.client.model.UpdateOrderResponse}) and the two query endpoints
 * ({@link io.github.discountcard.client.model.DiscountCardOrder}).
 * <p>
 * Every type is an immutable record (or an immutable enum-like value class) carrying its own Jackson 3
 * annotations, so it reads and writes correctly with a plain {@code JsonMapper.builder().build()}:
 * <ul>
 * <li>exact snake_case JSON names;</li>
 * <li>optional {@code null}s and empty lists are left out when writing;</li>
 * <li>response types ignore unknown JSON properties, so new WeChat fields never break parsing;</li>
 * <li>enum-like values ({@link io.github.discountcard.client.model.OrderState},
 * {@link io.github.discountcard.client.model.PerformanceType},
 * {@link io.github.discountcard.client.model.RewardType}) keep unknown values and write them back unchanged;</li>
 * <li>times are {@link java.time.OffsetDateTime} read and written as RFC 3339 with their own offset
 * (never normalised to UTC), see {@link io.github.discountcard.client.model.Rfc3339};</li>
 * <li>amounts are integers in fen (分).</li>
 * </ul>
 * Record constructors never reject data (Jackson must read whatever WeChat sends); request checks live in
 * {@link io.github.discountcard.client.model.UpdateOrderRequest#problems()},
 * {@link io.github.discountcard.client.model.PrepareCardRequest#problems()} and
 * {@link io.github.discountcard.client.model.AddUserRecordsRequest#problems()}.
 */
@NullMarked
package io.github.discountcard.client.model;

import org.jspecify.annotations.NullMarked;
