package io.github.discountcard.client;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * The {@link DiscountCardClient} on a {@link WebClient} of its own that carries the signing and verifying
 * filters. Bodies are written and read with the client's own JSON mapper, so an application's Jackson settings
 * can never change the bytes that are signed or the way verified bytes are read.
 */
public final class WebClientDiscountCardClient implements DiscountCardClient {

    static final String ORDERS_PATH = "/v3/discount-card/orders/";

    static final String ORDERS_BY_TRADE_NO_PATH = "/v3/discount-card/orders/out-trade-no/";


    /** Where WebClient's observation looks for the URI template (DefaultWebClient's attribute name). */
    static final String URI_TEMPLATE_ATTRIBUTE = WebClient.class.getName() + ".uriTemplate";

    private final WebClient webClient;

    private final String baseUrl;

    private final ResponseVerifier verifier;

    private final JsonMapper json;

    private final RetryPolicy retryPolicy;

    private final Duration callTimeout;

    private final CallObservation observation;

    private final int maxResponseBytes;

    private WebClientDiscountCardClient(Builder builder) {
        this.baseUrl = BaseUrls.check(builder.baseUrl);
        RequestSigner signer = Objects.requireNonNull(builder.signer, "signer is required");
        this.verifier = Objects.requireNonNull(builder.verifier, "verifier is required");
        this.json = builder.json;
        this.retryPolicy = builder.retryPolicy;
        this.callTimeout = builder.callTimeout;
        this.maxResponseBytes = builder.maxResponseBytes;
        this.observation = new CallObservation(builder.observationRegistry, builder.logBodies);
        this.webClient = SignedWebClients.builder(builder.webClientBuilder, signer, this.verifier.keys(), builder.clock)
            .filter(new VerifyingExchangeFilter(this.verifier, builder.maxResponseBytes, builder.unknownSerialRefresher))
            .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String baseUrl() {
        return this.baseUrl;
    }

    @Override
    public Mono<UpdateOrderResponse> updateOrder(String outOrderNo, UpdateOrderRequest request) {
        return Mono.defer(() -> {
            List<String> problems = RequestValidation.update(outOrderNo, request);
            if (!problems.isEmpty()) {
                return Mono.error(new WechatPayInvalidRequestException(problems));
            }
            byte[] body = this.json.writeValueAsBytes(request);
            return call("updateOrder", HttpMethod.PATCH, ORDERS_PATH, outOrderNo, body, UpdateOrderResponse.class);
        });
    }

    @Override
    public Mono<DiscountCardOrder> getOrder(String outOrderNo) {
        return Mono.defer(() -> {
            List<String> problems = RequestValidation.outOrderNo(outOrderNo);
            if (!problems.isEmpty()) {
                return Mono.error(new WechatPayInvalidRequestException(problems));
            }
            return call("getOrder", HttpMethod.GET, ORDERS_PATH, outOrderNo, null, DiscountCardOrder.class);
        });
    }

    @Override
    public Mono<DiscountCardOrder> getOrderByOutTradeNo(String outTradeNo) {
        return Mono.defer(() -> {
            List<String> problems = RequestValidation.outTradeNo(outTradeNo);
            if (!problems.isEmpty()) {
                return Mono.error(new WechatPayInvalidRequestException(problems));
            }
            return call("getOrderByOutTradeNo", HttpMethod.GET, ORDERS_BY_TRADE_NO_PATH, outTradeNo, null,
                    DiscountCardOrder.class);
        });
    }

    @Override
    public Mono<PrepareCardResponse> prepareCard(PrepareCardRequest request) {
        return Mono.defer(() -> {
            List<String> problems = CardRequests.prepare(request);
            if (!problems.isEmpty()) {
                return Mono.error(new WechatPayInvalidRequestException(problems));
            }
            byte[] body = this.json.writeValueAsBytes(request);
            return call("prepareCard", HttpMethod.POST, CardRequests.CARDS_PATH, CardRequests.CARDS_PATH, body,
                    PrepareCardResponse.class, CardRequests::requireToken);
        });
    }

    @Override
    public Mono<Void> addUserRecords(String outCardCode, AddUserRecordsRequest request) {
        return Mono.defer(() -> {
            List<String> problems = CardRequests.addUserRecords(outCardCode, request);
            if (!problems.isEmpty()) {
                return Mono.error(new WechatPayInvalidRequestException(problems));
            }
            byte[] body = this.json.writeValueAsBytes(request);
            return call("addUserRecords", HttpMethod.POST, CardRequests.addUserRecordsPath(outCardCode),
                    CardRequests.ADD_USER_RECORDS_TEMPLATE, body, Void.class, (none, requestId) -> none);
        });
    }

    @Override
    public Mono<DiscountCard> getCard(String outCardCode) {
        return Mono.defer(() -> {
            List<String> problems = CardRequests.outCardCode(outCardCode);
            if (!problems.isEmpty()) {
                return Mono.error(new WechatPayInvalidRequestException(problems));
            }
            return call("getCard", HttpMethod.GET, CardRequests.cardPath(outCardCode), CardRequests.CARD_TEMPLATE,
                    null, DiscountCard.class, (card, requestId) -> CardRequests.requireCard(outCardCode, card,
                            requestId));
        });
    }

    /**
     * One call: attempts (each signed afresh) with the retry policy, bounded by the call timeout, observed once.
     * @param pathPrefix the path up to the one path parameter, e.g. {@code /v3/discount-card/orders/}
     * @param pathValue the raw path parameter, percent-encoded here as one segment
     */
    private <T> Mono<T> call(String operation, HttpMethod method, String pathPrefix, String pathValue,
            byte @Nullable [] body, Class<T> type) {
        String path = pathPrefix + PathSegments.encode(pathValue);
        String uriTemplate = pathPrefix + "{" + (pathPrefix.equals(ORDERS_PATH) ? "out_order_no" : "out_trade_no") + "}";
        return call(operation, method, path, uriTemplate, body, type, (value, requestId) -> value);
    }

    /**
     * One call: attempts (each signed afresh) with the retry policy, bounded by the call timeout, observed once.
     * @param path the encoded path
     * @param uriTemplate the path's template, what observations tag
     * @param answerCheck applied to each decoded answer with its Request-ID; throws when it does not fit the request
     */
    private <T> Mono<T> call(String operation, HttpMethod method, String path, String uriTemplate,
            byte @Nullable [] body, Class<T> type, BiFunction<T, @Nullable String, T> answerCheck) {
        CallTrace trace = new CallTrace();
        Mono<T> attempts = Mono.defer(() -> attempt(method, path, uriTemplate, body, type, trace))
            .map((value) -> answerCheck.apply(value, trace.requestId))
            // only a GET may be retried on 429; PATCH and POST calls are idempotent by serial number or card code
            .retryWhen(this.retryPolicy.retry(method != HttpMethod.GET))
            .timeout(this.callTimeout)
            .onErrorMap(TimeoutException.class, (ex) -> new WechatPayTimeoutException("The call " + method.name()
                    + " " + path + " did not complete within " + this.callTimeout + " (" + trace.attempts
                    + " attempts)", ex));
        return this.observation.observe(operation, method.name(), path, body, trace, attempts);
    }

    private <T> Mono<T> attempt(HttpMethod method, String path, String uriTemplate, byte @Nullable [] body,
            Class<T> type, CallTrace trace) {
        trace.attempt();
        WebClient.RequestBodySpec request = this.webClient.method(method)
            .uri(URI.create(this.baseUrl + path))
            // observations tag the template, never the order number
            .attribute(URI_TEMPLATE_ATTRIBUTE, uriTemplate);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        }
        return request.exchangeToMono((response) -> read(response, type, trace))
            // connection lost or timed out, before or after the headers: a transport failure, typed and retryable;
            // anything else (a bug in a user's filter, say) stays what it is and is never retried
            .onErrorMap(WebClientDiscountCardClient::isTransportFailure, (ex) -> transportFailure(method, path, ex));
    }

    private <T> Mono<T> read(ClientResponse response, Class<T> type, CallTrace trace) {
        HttpHeaders headers = response.headers().asHttpHeaders();
        String requestId = headers.getFirst(VerifyingExchangeFilter.REQUEST_ID_HEADER);
        trace.response(response.statusCode().value(), requestId);
        // already verified and capped for 2xx (and signed errors) by the verifying filter; capped here for the rest
        Mono<byte[]> body = ResponseBodies.read(response, this.maxResponseBytes, requestId);
        if (response.statusCode().is2xxSuccessful() && type == Void.class) {
            // add-user-records: 204, its empty body verified like any other by the filter
            return body.doOnNext((bytes) -> trace.responseBody = bytes).then(Mono.empty());
        }
        if (response.statusCode().is2xxSuccessful()) {
            return body.map((bytes) -> {
                trace.responseBody = bytes;
                return decode(bytes, type, requestId);
            });
        }
        boolean verified = VerifyingExchangeFilter.isSigned(headers);
        return body.flatMap((bytes) -> {
            trace.responseBody = bytes;
            return Mono.error(ErrorResponses.toException(this.json, response.statusCode().value(), bytes, requestId,
                    verified, headers.getFirst(HttpHeaders.RETRY_AFTER)));
        });
    }

    private <T> T decode(byte[] bytes, Class<T> type, @Nullable String requestId) {
        try {
            return this.json.readValue(bytes, type);
        }
        catch (JacksonException ex) {
            throw new WechatPayInvalidResponseException("The verified WeChat Pay response is not a readable "
                    + type.getSimpleName() + ": " + ex.getOriginalMessage(), requestId, ex);
        }
    }

    static boolean isTransportFailure(Throwable failure) {
        if (failure instanceof WechatPayException) {
            return false;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof WebClientRequestException || cause instanceof java.io.IOException
                    || cause instanceof TimeoutException || cause instanceof io.netty.channel.ChannelException) {
                return true;
            }
        }
        return false;
    }

    static WechatPayTransportException transportFailure(HttpMethod method, String path, Throwable ex) {
        String what = method.name() + " " + path;
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
                return new WechatPayTimeoutException("WeChat Pay did not answer " + what + " in time: "
                        + cause.getClass().getSimpleName(), ex);
            }
        }
        Throwable root = ex;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return new WechatPayTransportException("The request " + what + " to WeChat Pay failed: "
                + root.getClass().getSimpleName() + ((root.getMessage() != null) ? ": " + root.getMessage() : ""), ex);
    }

    @Override
    public String toString() {
        return "WebClientDiscountCardClient[baseUrl=" + this.baseUrl + "]";
    }

    /** Builds a {@link WebClientDiscountCardClient}; the signer and verifier are required. */
    public static final class Builder {

        private String baseUrl = BaseUrls.DEFAULT;

        private @Nullable RequestSigner signer;

        private @Nullable ResponseVerifier verifier;

        private WebClient.@Nullable Builder webClientBuilder;

        private int maxResponseBytes = VerifyingExchangeFilter.DEFAULT_MAX_RESPONSE_BYTES;

        private @Nullable UnknownSerialRefresher unknownSerialRefresher;

        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;

        private Duration callTimeout = Duration.ofSeconds(30);

        private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

        private boolean logBodies;

        private Clock clock = Clock.systemUTC();

        private JsonMapper json = JsonMapper.builder().build();

        private Builder() {
        }

        /** Defaults to {@value BaseUrls#DEFAULT}; {@code http://} only for loopback hosts. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        public Builder signer(RequestSigner signer) {
            this.signer = signer;
            return this;
        }

        public Builder verifier(ResponseVerifier verifier) {
            this.verifier = verifier;
            return this;
        }

        /**
         * A builder to start from, e.g. Spring Boot's, with its connector and codecs. It is cloned: the signing
         * and verifying filters go on this client's copy only.
         */
        public Builder webClientBuilder(WebClient.Builder webClientBuilder) {
            this.webClientBuilder = webClientBuilder;
            return this;
        }

        /** The largest response body accepted, in bytes (default 1 MiB). */
        public Builder maxResponseBytes(int maxResponseBytes) {
            this.maxResponseBytes = maxResponseBytes;
            return this;
        }

        /** Asked to load keys once when a response names an unknown serial (certificate rotation). */
        public Builder unknownSerialRefresher(@Nullable UnknownSerialRefresher unknownSerialRefresher) {
            this.unknownSerialRefresher = unknownSerialRefresher;
            return this;
        }

        /** When failed calls are tried again (default {@link RetryPolicy#DEFAULT}; {@link RetryPolicy#NONE} for never). */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * The most time one call may take, retries and their waits included (default 30 s); beyond it the call
         * fails with a {@link WechatPayTimeoutException}. Per-attempt timeouts belong to the connector.
         */
        public Builder callTimeout(Duration callTimeout) {
            if (callTimeout.isNegative() || callTimeout.isZero()) {
                throw new IllegalArgumentException("callTimeout must be positive but was " + callTimeout);
            }
            this.callTimeout = callTimeout;
            return this;
        }

        /** Where to record one observation per call (default: none). */
        public Builder observationRegistry(ObservationRegistry observationRegistry) {
            this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry");
            return this;
        }

        /** Whether the DEBUG line of each call includes the bodies (openids masked). Off by default. */
        public Builder logBodies(boolean logBodies) {
            this.logBodies = logBodies;
            return this;
        }

        /** The clock that picks which key id to ask for in {@code Wechatpay-Serial}. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder jsonMapper(JsonMapper json) {
            this.json = json;
            return this;
        }

        public WebClientDiscountCardClient build() {
            return new WebClientDiscountCardClient(this);
        }
    }
}
