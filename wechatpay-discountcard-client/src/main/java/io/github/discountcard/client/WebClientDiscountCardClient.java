package io.github.discountcard.client;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.github.discountcard.client.model.AddUserRecordsRequest;
import io.github.discountcard.client.model.DiscountCard;
import io.github.discountcard.client.model.DiscountCardOrder;
import io.github.discountcard.client.model.PrepareCardRequest;
import io.github.discountcard.client.model.PrepareCardResponse;
import io.github.discountcard.client.model.UpdateOrderRequest;
import io.github.discountcard.client.model.UpdateOrderResponse;
import io.github.discountcard.core.RequestSigner;
import io.github.discountcard.core.ResponseVerifier;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The {@link DiscountCardClient} on a {@link WechatPayApi} of its own: a {@link WebClient} that carries the
 * signing filter, and one pass over each answer that verifies it before decoding. Bodies are written and read
 * with the client's own JSON mapper, so an application's Jackson settings can never change the bytes that are
 * signed or the way verified bytes are read.
 * <p>
 * Each answer is bound to its request: the order in a verified answer must be the order asked for, else the
 * call fails with a {@link WechatPayInvalidResponseException} ("answer for another order"; "answer for another
 * card" for {@link #getCard}). What the protocol
 * cannot detect: WeChat Pay's answers carry no reference to the request they answer, so a genuine earlier answer
 * about the <em>same</em> order, replayed inside the five-minute timestamp window by someone inside TLS, reads
 * as a current one.
 */
public final class WebClientDiscountCardClient implements DiscountCardClient {

    static final String ORDER = "/v3/discount-card/orders/{out_order_no}";

    static final String ORDER_BY_TRADE_NO = "/v3/discount-card/orders/out-trade-no/{out_trade_no}";

    private final WechatPayApi api;

    private WebClientDiscountCardClient(Builder builder) {
        this.api = builder.api.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String baseUrl() {
        return this.api.baseUrl();
    }

    /**
     * The generic API this client calls through, for APIv3 endpoints it has no method for: same signer,
     * verification, limits, retries and observations.
     */
    public WechatPayApi api() {
        return this.api;
    }

    @Override
    public Mono<UpdateOrderResponse> updateOrder(String outOrderNo, UpdateOrderRequest request) {
        return validated(() -> RequestValidation.update(outOrderNo, request), () -> this.api.call(WechatPayRequest
            .of(HttpMethod.PATCH, ORDER, Map.of("out_order_no", outOrderNo), request)
            .operation("updateOrder")
            .idempotent(), UpdateOrderResponse.class,
                AnswerCheck.sameValue("out_order_no", outOrderNo, UpdateOrderResponse::outOrderNo)));
    }

    @Override
    public Mono<DiscountCardOrder> getOrder(String outOrderNo) {
        return validated(() -> RequestValidation.outOrderNo(outOrderNo), () -> this.api.call(WechatPayRequest
            .get(ORDER, Map.of("out_order_no", outOrderNo))
            .operation("getOrder"), DiscountCardOrder.class,
                AnswerCheck.sameValue("out_order_no", outOrderNo, DiscountCardOrder::outOrderNo)));
    }

    @Override
    public Mono<DiscountCardOrder> getOrderByOutTradeNo(String outTradeNo) {
        return validated(() -> RequestValidation.outTradeNo(outTradeNo), () -> this.api.call(WechatPayRequest
            .get(ORDER_BY_TRADE_NO, Map.of("out_trade_no", outTradeNo))
            .operation("getOrderByOutTradeNo"), DiscountCardOrder.class,
                AnswerCheck.sameValue("out_trade_no", outTradeNo, DiscountCardOrder::outTradeNo)));
    }

    @Override
    public Mono<PrepareCardResponse> prepareCard(PrepareCardRequest request) {
        // idempotent: out_card_code is unique per merchant, so a repeated prepare cannot make a second card
        return validated(() -> CardRequests.prepare(request), () -> this.api.call(WechatPayRequest
            .of(HttpMethod.POST, CardRequests.CARDS, Map.of(), request)
            .operation("prepareCard")
            .idempotent(), PrepareCardResponse.class, CardRequests.hasToken()));
    }

    @Override
    public Mono<Void> addUserRecords(String outCardCode, AddUserRecordsRequest request) {
        // idempotent: WeChat Pay applies each record's serial number once
        return validated(() -> CardRequests.addUserRecords(outCardCode, request), () -> this.api.callWithoutBody(
                WechatPayRequest.of(HttpMethod.POST, CardRequests.ADD_USER_RECORDS, Map.of("out_card_code",
                        outCardCode), request)
                    .operation("addUserRecords")
                    .idempotent()));
    }

    @Override
    public Mono<DiscountCard> getCard(String outCardCode) {
        return validated(() -> CardRequests.outCardCode(outCardCode), () -> this.api.call(WechatPayRequest
            .get(CardRequests.CARD, Map.of("out_card_code", outCardCode))
            .operation("getCard"), DiscountCard.class, CardRequests.sameCard(outCardCode)));
    }

    /** Checks the input when subscribed; nothing is sent when it names a problem. */
    private static <T> Mono<T> validated(Supplier<List<String>> validation, Supplier<Mono<T>> call) {
        return Mono.defer(() -> {
            List<String> problems = validation.get();
            return problems.isEmpty() ? call.get() : Mono.error(WechatPayExceptions.invalidRequest(problems));
        });
    }

    @Override
    public String toString() {
        return "WebClientDiscountCardClient[baseUrl=" + baseUrl() + "]";
    }

    /** Builds a {@link WebClientDiscountCardClient}; the signer and verifier are required. */
    public static final class Builder {

        private final WechatPayApi.Builder api = WechatPayApi.builder();

        private Builder() {
        }

        /** Defaults to {@value BaseUrls#DEFAULT}; {@code http://} only for loopback hosts. */
        public Builder baseUrl(String baseUrl) {
            this.api.baseUrl(baseUrl);
            return this;
        }

        public Builder signer(RequestSigner signer) {
            this.api.signer(signer);
            return this;
        }

        public Builder verifier(ResponseVerifier verifier) {
            this.api.verifier(verifier);
            return this;
        }

        /**
         * A builder to start from, e.g. Spring Boot's, with its connector and codecs. It is cloned: the base URL
         * and the signing filter go on this client's copy only. Without one, the client builds its own connector
         * with the starter's defaults: {@link #connectTimeout} 5 s, {@link #responseTimeout} 10 s, a bounded
         * connection pool of its own, and no {@code Accept-Encoding} (WeChat Pay then answers with the exact bytes
         * it signed). A connector of the application's should not ask for compression either.
         */
        public Builder webClientBuilder(WebClient.Builder webClientBuilder) {
            this.api.webClientBuilder(webClientBuilder);
            return this;
        }

        /** The largest response body accepted, in bytes (default 1 MiB). */
        public Builder maxResponseBytes(int maxResponseBytes) {
            this.api.maxResponseBytes(maxResponseBytes);
            return this;
        }

        /** Asked to load keys once when a response names an unknown serial (certificate rotation). */
        public Builder unknownSerialRefresher(@Nullable UnknownSerialRefresher unknownSerialRefresher) {
            this.api.unknownSerialRefresher(unknownSerialRefresher);
            return this;
        }

        /** When failed calls are tried again (default {@link RetryPolicy#DEFAULT}; {@link RetryPolicy#NONE} for never). */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.api.retryPolicy(retryPolicy);
            return this;
        }

        /**
         * The most time one call may take, retries and their waits included (default 30 s); beyond it the call
         * fails with a {@link WechatPayTimeoutException}. Per-attempt timeouts belong to the connector.
         */
        public Builder callTimeout(Duration callTimeout) {
            this.api.callTimeout(callTimeout);
            return this;
        }

        /** The connect timeout of the connector built when no {@link #webClientBuilder} is given (default 5 s). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.api.connectTimeout(connectTimeout);
            return this;
        }

        /**
         * The per-attempt response timeout of the connector built when no {@link #webClientBuilder} is given
         * (default 10 s).
         */
        public Builder responseTimeout(Duration responseTimeout) {
            this.api.responseTimeout(responseTimeout);
            return this;
        }

        /** Where to record one observation per call (default: none). */
        public Builder observationRegistry(ObservationRegistry observationRegistry) {
            this.api.observationRegistry(observationRegistry);
            return this;
        }

        /**
         * Names and tags each call's observation instead of {@link DefaultWechatPayObservationConvention} (same
         * name and tags as ever: {@code operation}, {@code outcome}, {@code status}, {@code error.code}).
         */
        public Builder observationConvention(WechatPayObservationConvention observationConvention) {
            this.api.observationConvention(observationConvention);
            return this;
        }

        /** Whether the DEBUG line of each call includes the bodies (openids masked). Off by default. */
        public Builder logBodies(boolean logBodies) {
            this.api.logBodies(logBodies);
            return this;
        }

        /** The clock that picks which key id to ask for in {@code Wechatpay-Serial}. */
        public Builder clock(Clock clock) {
            this.api.clock(clock);
            return this;
        }

        public Builder jsonMapper(JsonMapper json) {
            this.api.jsonMapper(json);
            return this;
        }

        public WebClientDiscountCardClient build() {
            return new WebClientDiscountCardClient(this);
        }
    }
}
