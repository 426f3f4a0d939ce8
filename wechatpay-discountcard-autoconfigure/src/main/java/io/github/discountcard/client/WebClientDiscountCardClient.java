package io.github.discountcard.client;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

import io.github.discountcard.client.model.DiscountCardOrder;
import io.github.discountcard.client.model.UpdateOrderRequest;
import io.github.discountcard.client.model.UpdateOrderResponse;
import io.github.discountcard.core.RequestSigner;
import io.github.discountcard.core.ResponseSignature;
import io.github.discountcard.core.ResponseVerifier;
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

    private static final byte[] NO_BODY = new byte[0];

    private final WebClient webClient;

    private final String baseUrl;

    private final ResponseVerifier verifier;

    private final Clock clock;

    private final JsonMapper json;

    private WebClientDiscountCardClient(Builder builder) {
        this.baseUrl = BaseUrls.check(builder.baseUrl);
        RequestSigner signer = Objects.requireNonNull(builder.signer, "signer is required");
        this.verifier = Objects.requireNonNull(builder.verifier, "verifier is required");
        this.clock = builder.clock;
        this.json = builder.json;
        WebClient.Builder webClientBuilder = (builder.webClientBuilder != null) ? builder.webClientBuilder.clone()
                : WebClient.builder();
        this.webClient = webClientBuilder
            .defaultHeaders((headers) -> {
                headers.setAccept(List.of(MediaType.APPLICATION_JSON));
                headers.set(HttpHeaders.USER_AGENT, UserAgent.VALUE);
            })
            .filter(new SigningExchangeFilter(signer))
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
            return exchange(HttpMethod.PATCH, ORDERS_PATH + PathSegments.encode(outOrderNo), body,
                    UpdateOrderResponse.class);
        });
    }

    @Override
    public Mono<DiscountCardOrder> getOrder(String outOrderNo) {
        return Mono.defer(() -> {
            List<String> problems = RequestValidation.outOrderNo(outOrderNo);
            if (!problems.isEmpty()) {
                return Mono.error(new WechatPayInvalidRequestException(problems));
            }
            return exchange(HttpMethod.GET, ORDERS_PATH + PathSegments.encode(outOrderNo), null,
                    DiscountCardOrder.class);
        });
    }

    @Override
    public Mono<DiscountCardOrder> getOrderByOutTradeNo(String outTradeNo) {
        return Mono.defer(() -> {
            List<String> problems = RequestValidation.outTradeNo(outTradeNo);
            if (!problems.isEmpty()) {
                return Mono.error(new WechatPayInvalidRequestException(problems));
            }
            return exchange(HttpMethod.GET, ORDERS_BY_TRADE_NO_PATH + PathSegments.encode(outTradeNo), null,
                    DiscountCardOrder.class);
        });
    }

    private <T> Mono<T> exchange(HttpMethod method, String path, byte @Nullable [] body, Class<T> type) {
        WebClient.RequestBodySpec request = this.webClient.method(method)
            .uri(URI.create(this.baseUrl + path))
            .headers((headers) -> {
                String expectedSerial = this.verifier.keys().preferredId(this.clock.instant());
                if (expectedSerial != null) {
                    headers.set(ResponseSignature.SERIAL_HEADER, expectedSerial);
                }
            });
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        }
        return request.exchangeToMono((response) -> read(response, type))
            .onErrorMap(WebClientRequestException.class, (ex) -> transportFailure(method, path, ex));
    }

    private <T> Mono<T> read(ClientResponse response, Class<T> type) {
        String requestId = response.headers().asHttpHeaders().getFirst(VerifyingExchangeFilter.REQUEST_ID_HEADER);
        Mono<byte[]> body = response.bodyToMono(byte[].class).defaultIfEmpty(NO_BODY);
        if (response.statusCode().is2xxSuccessful()) {
            return body.map((bytes) -> decode(bytes, type, requestId));
        }
        boolean verified = VerifyingExchangeFilter.isSigned(response.headers().asHttpHeaders());
        return body.flatMap((bytes) -> Mono.error(ErrorResponses.toException(this.json,
                response.statusCode().value(), bytes, requestId, verified)));
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
