package io.github.discountcard.client;

import java.time.Duration;
import java.util.Objects;

import io.github.discountcard.client.model.AddUserRecordsRequest;
import io.github.discountcard.client.model.DiscountCard;
import io.github.discountcard.client.model.DiscountCardOrder;
import io.github.discountcard.client.model.PrepareCardRequest;
import io.github.discountcard.client.model.PrepareCardResponse;
import io.github.discountcard.client.model.UpdateOrderRequest;
import io.github.discountcard.client.model.UpdateOrderResponse;
import reactor.core.publisher.Mono;

/**
 * A blocking view of a {@link DiscountCardClient} for Spring MVC and other thread-per-request code: each method
 * makes the same signed, verified, retried call and waits for its answer, at most {@link #timeout()}.
 * <p>
 * The timeout is this view's own bound on how long a caller's thread waits, on top of the client's
 * {@code call-timeout} (which spans all retries of one call, 30 s by default): choose it from how long a servlet
 * thread may be held when WeChat Pay is slow or down, typically shorter than the call timeout. When it runs out the
 * call is cancelled (its connection is given back) and a {@link WechatPayTimeoutException} is thrown. Every other
 * failure is the {@link WechatPayException} the reactive call ends with, thrown as it is.
 * <p>
 * Never call it on a Reactor event loop (in a WebFlux handler or a {@code Mono} operator): Reactor refuses to block
 * there. Thread-safe; get one with {@link DiscountCardClient#blocking()} or {@link DiscountCardClient#blocking(Duration)}.
 */
public final class BlockingDiscountCardClient {

    /** The timeout of {@link DiscountCardClient#blocking()}: 10 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final DiscountCardClient client;

    private final Duration timeout;

    /**
     * A blocking view of the client.
     * @param client the reactive client that makes the calls
     * @param timeout how long a call may hold the calling thread, more than zero
     */
    public BlockingDiscountCardClient(DiscountCardClient client, Duration timeout) {
        this.client = Objects.requireNonNull(client, "client");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be more than zero but was " + timeout);
        }
        this.timeout = timeout;
    }

    /** How long a call may hold the calling thread. */
    public Duration timeout() {
        return this.timeout;
    }

    /** The reactive client behind this view. */
    public DiscountCardClient reactive() {
        return this.client;
    }

    /** {@link DiscountCardClient#prepareCard}, blocking. */
    public PrepareCardResponse prepareCard(PrepareCardRequest request) {
        return await(this.client.prepareCard(request), "prepare card");
    }

    /** {@link DiscountCardClient#addUserRecords}, blocking: returns when WeChat Pay accepted the records. */
    public void addUserRecords(String outCardCode, AddUserRecordsRequest request) {
        awaitEmpty(this.client.addUserRecords(outCardCode, request), "add user records");
    }

    /** {@link DiscountCardClient#getCard}, blocking. */
    public DiscountCard getCard(String outCardCode) {
        return await(this.client.getCard(outCardCode), "get card");
    }

    /**
     * {@link DiscountCardClient#updateOrder}, blocking.
     * <p>
     * Orders family: deprecated in WeChat's API descriptions in favour of {@link #addUserRecords}.
     */
    public UpdateOrderResponse updateOrder(String outOrderNo, UpdateOrderRequest request) {
        return await(this.client.updateOrder(outOrderNo, request), "update order");
    }

    /**
     * {@link DiscountCardClient#getOrder}, blocking.
     * <p>
     * Orders family: deprecated in WeChat's API descriptions in favour of {@link #getCard}.
     */
    public DiscountCardOrder getOrder(String outOrderNo) {
        return await(this.client.getOrder(outOrderNo), "get order");
    }

    /**
     * {@link DiscountCardClient#getOrderByOutTradeNo}, blocking.
     * <p>
     * Orders family: deprecated in WeChat's API descriptions in favour of {@link #getCard}.
     */
    public DiscountCardOrder getOrderByOutTradeNo(String outTradeNo) {
        return await(this.client.getOrderByOutTradeNo(outTradeNo), "get order by out_trade_no");
    }

    private <T> T await(Mono<T> call, String what) {
        T answer = bounded(call, what).block();
        if (answer == null) {
            // the reactive calls always emit an answer or fail; an empty one would be a bug, never a silent null
            throw new WechatPayInvalidResponseException("The " + what + " call completed without an answer", null, null);
        }
        return answer;
    }

    private void awaitEmpty(Mono<Void> call, String what) {
        bounded(call, what).block();
    }

    private <T> Mono<T> bounded(Mono<T> call, String what) {
        // timeout(…) cancels the call, so a connection held by a slow WeChat Pay is given back
        return call.timeout(this.timeout, Mono.error(() -> new WechatPayTimeoutException("The " + what
                + " call did not complete within the blocking client's timeout of " + this.timeout, null)));
    }

    @Override
    public String toString() {
        return "BlockingDiscountCardClient[timeout=" + this.timeout + "]";
    }
}
