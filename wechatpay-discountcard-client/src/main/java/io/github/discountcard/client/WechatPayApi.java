package io.github.discountcard.client;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import io.github.discountcard.core.RequestSigner;
import io.github.discountcard.core.ResponseVerifier;
import io.github.discountcard.core.VerificationKeys;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Any WeChat Pay APIv3 call, with the guarantees of the typed client: each attempt signed over the exact bytes
 * sent (by the {@link SigningExchangeFilter} on this API's own {@link WebClient}); each answer read once, capped,
 * and verified over the exact bytes received before anything decodes it; failures as typed
 * {@link WechatPayException}s; retries by the {@link RetryPolicy}; one observation and log line per call.
 * <p>
 * Use it for an endpoint the typed {@link DiscountCardClient} has no method for:
 * <pre>{@code
 * WechatPayApi api = discountCardClient.api(); // or WechatPayApi.builder()...build()
 * Mono<JsonNode> card = api.call(WechatPayRequest
 *     .get("/v3/discount-card/cards/{out_card_code}", Map.of("out_card_code", code))
 *     .operation("getCard"), JsonNode.class);
 * }</pre>
 * A 2xx answer is decoded with this API's own JSON mapper (an application's Jackson settings never change what
 * is signed or read); an answer that is empty or decodes to {@code null} is a
 * {@link WechatPayInvalidResponseException}. For an endpoint that answers 204 use
 * {@link #callWithoutBody(WechatPayRequest)}: the empty answer is verified like any other.
 */
public final class WechatPayApi {

    private static final byte[] NO_BODY = new byte[0];

    private final WebClient webClient;

    /**
     * The attribute {@code WebClient} sets from {@code uri(template, variables)}; set here because the URI is
     * expanded here, so that an {@code http.client.requests} observation still tags the template.
     */
    static final String URI_TEMPLATE_ATTRIBUTE = WebClient.class.getName() + ".uriTemplate";

    private final RequestUris uris;

    private final ResponseReader reader;

    private final JsonMapper json;

    private final RetryPolicy retryPolicy;

    private final Duration callTimeout;

    private final CallObservation observation;

    private final String baseUrl;

    private WechatPayApi(Builder builder) {
        this.baseUrl = BaseUrls.check(builder.baseUrl);
        RequestSigner signer = Objects.requireNonNull(builder.signer, "signer is required");
        ResponseVerification verification = builder.verification;
        VerificationKeys keys = builder.keys;
        if (builder.verifier != null) {
            verification = ResponseVerification.of(builder.verifier, builder.unknownSerialRefresher);
            keys = builder.verifier.keys();
        }
        if (verification == null || keys == null) {
            throw new NullPointerException("verifier is required");
        }
        this.uris = new RequestUris(this.baseUrl);
        this.reader = new ResponseReader(verification, builder.maxResponseBytes);
        this.json = builder.json;
        this.retryPolicy = builder.retryPolicy;
        this.callTimeout = builder.callTimeout;
        this.observation = new CallObservation(builder.observationRegistry, builder.observationConvention,
                builder.logBodies);
        WebClient.Builder base = builder.webClientBuilder;
        if (base == null) {
            // no application set-up: the starter's connector defaults, never Spring's (which asks for gzip)
            base = WebClient.builder()
                .clientConnector(DefaultConnector.create(builder.connectTimeout, builder.responseTimeout));
        }
        this.webClient = SignedWebClients.builder(base, this.uris.factory(), signer, keys, builder.clock).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String baseUrl() {
        return this.baseUrl;
    }

    /**
     * Calls and decodes the verified answer as {@code answerType} (a model record, {@code JsonNode}, or
     * {@code byte[]} for the exact verified bytes).
     */
    public <T> Mono<T> call(WechatPayRequest request, Class<T> answerType) {
        return call(request, answerType, null);
    }

    /**
     * Calls and hands over the verified 2xx answer as its exact bytes with its {@code Request-ID}, for a caller
     * that reads the body itself. Error answers fail as for {@link #call(WechatPayRequest, Class)}.
     */
    public Mono<VerifiedResponse> exchange(WechatPayRequest request) {
        return call(request, VerifiedResponse.class, null);
    }

    /** Calls an endpoint that answers without a body (204): completes empty once the answer verified. */
    public Mono<Void> callWithoutBody(WechatPayRequest request) {
        return call(request, Void.class, null);
    }

    /** As {@link #call(WechatPayRequest, Class)}, then {@code check} binds the answer to its request. */
    <T> Mono<T> call(WechatPayRequest request, Class<T> answerType, @Nullable AnswerCheck<? super T> check) {
        return Mono.defer(() -> {
            byte[] body = bodyBytes(request.body());
            CallTarget target = new CallTarget(request.method().name(), request.uriTemplate(), request.uriVariables(),
                    this.uris);
            CallTrace trace = new CallTrace();
            boolean query = request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD;
            Mono<T> attempt = Mono.defer(() -> attempt(request, body, answerType, check, target, trace));
            Mono<T> attempts = CallTimer.bound(this.retryPolicy.apply(attempt, query, request.isIdempotent()),
                    this.callTimeout,
                    (ex) -> WechatPayExceptions.callTimeout(target, this.callTimeout, trace.attempts, ex));
            return this.observation.observe(request.operation(), target, body, trace, attempts);
        });
    }

    private <T> Mono<T> attempt(WechatPayRequest request, byte @Nullable [] body, Class<T> answerType,
            @Nullable AnswerCheck<? super T> check, CallTarget target, CallTrace trace) {
        trace.attempt();
        WebClient.RequestBodySpec spec = this.webClient.method(request.method())
            .uri(target.uri()) // each variable encoded as one segment, as WebClient does for a template
            .attribute(URI_TEMPLATE_ATTRIBUTE, request.uriTemplate())
            // the exact bytes the body writes: signed before a connection is taken (checked again as written)
            .attribute(SigningExchangeFilter.BODY_ATTRIBUTE, (body != null) ? body : NO_BODY);
        if (body != null) {
            spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        }
        // the answer becomes a scalar Mono inside the reader's own flatMap, not through handle(): with
        // context-propagation on the class path, handle() restores the caller's thread locals around every answer
        return spec.exchangeToMono((response) -> this.reader.read(response, trace, (answer) -> {
            RuntimeException failure = null;
            T value = null;
            if (!answer.isSuccess()) {
                failure = WechatPayExceptions.service(this.json, answer.status(), answer.body(), answer.requestId(),
                        answer.verified(), answer.retryAfter());
            }
            else if (answerType != Void.class) {
                value = decode(answer, answerType);
                failure = (check != null) ? check.check(value, answer.requestId()) : null;
            }
            return (failure != null) ? Mono.<T>error(failure) : Mono.justOrEmpty(value);
        }))
            .onErrorMap((ex) -> {
                WechatPayTransportException transport = WechatPayExceptions.transport(target, ex);
                return (transport != null) ? transport : ex;
            });
    }

    @SuppressWarnings("unchecked")
    private <T> T decode(Answer answer, Class<T> type) {
        if (type == VerifiedResponse.class) {
            return (T) new VerifiedResponse(answer.status(), answer.body(), answer.requestId());
        }
        if (answer.body().length == 0) {
            throw WechatPayExceptions.noAnswer(type, answer.requestId());
        }
        if (type == byte[].class) {
            return (T) answer.body();
        }
        T value;
        try {
            value = this.json.readValue(answer.body(), type);
        }
        catch (JacksonException ex) {
            throw WechatPayExceptions.unreadable(type, ex, answer.requestId());
        }
        if (value == null) {
            throw WechatPayExceptions.noAnswer(type, answer.requestId());
        }
        return value;
    }

    private byte @Nullable [] bodyBytes(@Nullable Object body) {
        if (body == null || body instanceof byte[]) {
            return (byte[]) body;
        }
        return this.json.writeValueAsBytes(body);
    }

    @Override
    public String toString() {
        return "WechatPayApi[baseUrl=" + this.baseUrl + "]";
    }

    /** Builds a {@link WechatPayApi}; the signer and the verifier are required. */
    public static final class Builder {

        private String baseUrl = BaseUrls.DEFAULT;

        private @Nullable RequestSigner signer;

        private @Nullable ResponseVerifier verifier;

        private @Nullable ResponseVerification verification;

        private @Nullable VerificationKeys keys;

        private WebClient.@Nullable Builder webClientBuilder;

        private int maxResponseBytes = ResponseReader.DEFAULT_MAX_RESPONSE_BYTES;

        private @Nullable UnknownSerialRefresher unknownSerialRefresher;

        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;

        private Duration callTimeout = Duration.ofSeconds(30);

        private Duration connectTimeout = DefaultConnector.CONNECT_TIMEOUT;

        private Duration responseTimeout = DefaultConnector.RESPONSE_TIMEOUT;

        private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

        private @Nullable WechatPayObservationConvention observationConvention;

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

        /** Verifies every answer; its keys also name the expected signer in {@code Wechatpay-Serial}. */
        public Builder verifier(ResponseVerifier verifier) {
            this.verifier = verifier;
            this.verification = null;
            return this;
        }

        /**
         * A verification of its own instead of a {@link ResponseVerifier} (the certificate download's, say).
         * @param keys the keys whose preferred one each request names in {@code Wechatpay-Serial}
         */
        public Builder verification(VerificationKeys keys, ResponseVerification verification) {
            this.keys = keys;
            this.verification = verification;
            this.verifier = null;
            return this;
        }

        /**
         * A builder to start from, e.g. Spring Boot's, with its connector and codecs. It is cloned: the base URL
         * and the signing filter go on this API's copy only. Its connector should not ask for compressed answers
         * (Spring's default connector does): verification is over the bytes WeChat Pay signed. Without one, the
         * API builds its own connector: {@link #connectTimeout}, {@link #responseTimeout}, a bounded pool of its
         * own and no {@code Accept-Encoding}.
         */
        public Builder webClientBuilder(WebClient.@Nullable Builder webClientBuilder) {
            this.webClientBuilder = webClientBuilder;
            return this;
        }

        /** The largest response body accepted, in bytes (default 1 MiB). */
        public Builder maxResponseBytes(int maxResponseBytes) {
            this.maxResponseBytes = maxResponseBytes;
            return this;
        }

        /** Asked to load keys once when an answer names an unknown serial (certificate rotation). */
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

        /** The connect timeout of the connector built when no {@link #webClientBuilder} is given (default 5 s). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * The per-attempt response timeout of the connector built when no {@link #webClientBuilder} is given
         * (default 10 s).
         */
        public Builder responseTimeout(Duration responseTimeout) {
            this.responseTimeout = positive(responseTimeout, "responseTimeout");
            return this;
        }

        private static Duration positive(Duration duration, String name) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive but was " + duration);
            }
            return duration;
        }

        /** Where to record one observation per call (default: none). */
        public Builder observationRegistry(ObservationRegistry observationRegistry) {
            this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry");
            return this;
        }

        /**
         * Names and tags each call's observation instead of {@link DefaultWechatPayObservationConvention} (a
         * convention registered with the registry still takes precedence, as Micrometer does it).
         */
        public Builder observationConvention(WechatPayObservationConvention observationConvention) {
            this.observationConvention = Objects.requireNonNull(observationConvention, "observationConvention");
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

        /** The mapper that writes request bodies and reads verified answers. */
        public Builder jsonMapper(JsonMapper json) {
            this.json = json;
            return this;
        }

        public WechatPayApi build() {
            return new WechatPayApi(this);
        }
    }
}
