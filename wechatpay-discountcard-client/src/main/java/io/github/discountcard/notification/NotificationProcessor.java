package io.github.discountcard.notification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.discountcard.client.UnknownSerialRefresher;
import io.github.discountcard.core.AeadAesGcm;
import io.github.discountcard.core.CryptoException;
import io.github.discountcard.core.ResponseSignature;
import io.github.discountcard.core.ResponseVerifier;
import io.github.discountcard.core.SignatureVerificationException;
import io.github.discountcard.core.VerificationFailure;
import io.github.discountcard.core.VerificationKey;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Processes one delivery of a WeChat Pay notification, whatever the web stack: give it the request headers and the
 * exact body bytes, send back the {@link NotificationReply} it answers with.
 * <ol>
 * <li>the signature over the raw bytes, before anything reads them ({@link ResponseVerifier}: key by
 * {@code Wechatpay-Serial}, timestamp window, probe signatures refused);</li>
 * <li>the envelope, then its {@code resource} decrypted with the APIv3 key;</li>
 * <li>once per notification id: a handled id is acknowledged without calling the handlers, concurrent deliveries of
 * one id share one handling, the same signed request is never handled twice;</li>
 * <li>the handlers that {@link DiscountCardNotificationHandler#supports(String) take} the event, one after the other,
 * within the reply budget; 2xx only after they completed.</li>
 * </ol>
 * One observation and one log line per delivery; openids masked, payloads logged only with {@code logBodies}.
 * Thread-safe.
 */
public final class NotificationProcessor {

    /** The default limit on the body: notifications are a few KiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    /** The default time handlers get before the reply turns into a failure: under WeChat Pay's 5 s. */
    public static final Duration DEFAULT_REPLY_BUDGET = Duration.ofSeconds(4);

    static final String ID_PREFIX = "wechatpay-notification:id:";

    static final String REPLAY_PREFIX = "wechatpay-notification:signature:";

    static final String CLAIMED = "CLAIMED:";

    static final String HANDLED = "HANDLED:";

    private static final String REQUEST_ID_HEADER = "Request-ID";

    private final ResponseVerifier verifier;

    private final AeadAesGcm apiV3Key;

    private final List<DiscountCardNotificationHandler> handlers;

    private final NotificationIdempotencyStore store;

    private final Duration replyBudget;

    private final int maxBodyBytes;

    private final @Nullable UnknownSerialRefresher unknownSerialRefresher;

    private final Clock clock;

    private final NotificationObservation observation;

    private final JsonMapper mapper = JsonMapper.builder().build();

    private final Map<String, Mono<Result>> inFlight = new ConcurrentHashMap<>();

    private NotificationProcessor(Builder builder) {
        this.verifier = Objects.requireNonNull(builder.verifier, "verifier");
        this.apiV3Key = Objects.requireNonNull(builder.apiV3Key, "apiV3Key");
        this.handlers = List.copyOf(builder.handlers);
        this.store = builder.store;
        this.replyBudget = builder.replyBudget;
        this.maxBodyBytes = builder.maxBodyBytes;
        this.unknownSerialRefresher = builder.unknownSerialRefresher;
        this.clock = builder.clock;
        this.observation = new NotificationObservation(builder.observationRegistry, builder.logBodies);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The largest body accepted; web adapters stop reading past it. */
    public int maxBodyBytes() {
        return this.maxBodyBytes;
    }

    public Duration replyBudget() {
        return this.replyBudget;
    }

    /** The reply to a body that went over {@link #maxBodyBytes()} (the adapter stopped reading it). */
    public Mono<NotificationReply> tooLarge(Function<String, @Nullable String> headers) {
        Trace trace = new Trace(headers.apply(REQUEST_ID_HEADER));
        return Mono.fromSupplier(() -> this.observation.finish(trace,
                new Result(NotificationOutcome.REJECTED_TOO_LARGE, NotificationReply.failure(413, "body too large"),
                        "over " + this.maxBodyBytes + " bytes", null, null)));
    }

    /**
     * Processes one delivery.
     * @param headers the request headers by (case-insensitive) name, such as {@code headers::getFirst}
     * @param body the exact body bytes received
     * @return the reply to send; never an error
     */
    public Mono<NotificationReply> process(Function<String, @Nullable String> headers, byte[] body) {
        return Mono.defer(() -> {
            Trace trace = new Trace(headers.apply(REQUEST_ID_HEADER));
            if (body.length > this.maxBodyBytes) {
                return tooLarge(headers);
            }
            ResponseSignature signature = ResponseSignature.from(headers);
            return verify(signature, body)
                .then(Mono.defer(() -> afterVerification(signature, body, trace)))
                .onErrorResume(SignatureVerificationException.class, (ex) -> {
                    trace.verificationFailure = ex.reason();
                    return Mono.just(new Result(NotificationOutcome.REJECTED_SIGNATURE,
                            NotificationReply.failure(401, "signature rejected"), ex.reason() + ": " + ex.getMessage(),
                            null, null));
                })
                .onErrorResume((ex) -> Mono.just(new Result(NotificationOutcome.INTERNAL_ERROR,
                        NotificationReply.failure(500, "internal error"), ex.getClass().getName(), null, ex)))
                .map((result) -> this.observation.finish(trace, result));
        });
    }

    /** Verifies once; an unknown certificate serial gets one (rate-limited) chance to be downloaded. */
    private Mono<VerificationKey> verify(ResponseSignature signature, byte[] body) {
        return Mono.fromCallable(() -> this.verifier.verify(signature, body))
            .onErrorResume(SignatureVerificationException.class, (ex) -> {
                UnknownSerialRefresher refresher = this.unknownSerialRefresher;
                String serial = signature.serial();
                // only a platform certificate can be downloaded; an unknown public key id stays unknown
                if (ex.reason() != VerificationFailure.UNKNOWN_SERIAL || refresher == null || serial == null
                        || serial.trim().startsWith(VerificationKey.PUBLIC_KEY_ID_PREFIX)) {
                    return Mono.error(ex);
                }
                return refresher.refreshFor(serial.trim())
                    .onErrorReturn(false)
                    .flatMap((refreshed) -> refreshed ? Mono.fromCallable(() -> this.verifier.verify(signature, body))
                            : Mono.error(ex));
            });
    }

    private Mono<Result> afterVerification(ResponseSignature signature, byte[] body, Trace trace) {
        DiscountCardNotification notification;
        try {
            Envelope envelope = Envelope.read(this.mapper, body);
            trace.id = envelope.id;
            trace.eventType = envelope.eventType;
            String plaintext;
            try {
                plaintext = this.apiV3Key.decryptToString(envelope.associatedData, envelope.nonce, envelope.ciphertext);
            }
            catch (CryptoException ex) {
                return Mono.just(new Result(NotificationOutcome.REJECTED_UNDECRYPTABLE,
                        NotificationReply.failure(500, "resource not decrypted"), ex.getMessage(), null, null));
            }
            notification = envelope.toNotification(plaintext, this.mapper);
        }
        catch (MalformedEnvelopeException ex) {
            return Mono.just(new Result(NotificationOutcome.REJECTED_MALFORMED,
                    NotificationReply.failure(400, "malformed notification"), ex.getMessage(), null, null));
        }
        String replayKey = REPLAY_PREFIX + digest(signature);
        return storeCall(() -> this.store.putIfAbsent(replayKey, CLAIMED + this.clock.millis()))
            .map(Holder::new)
            .defaultIfEmpty(new Holder(null))
            .flatMap((seen) -> {
                if (seen.value == null) {
                    return handleOnce(notification, replayKey);
                }
                return storeCall(() -> this.store.get(ID_PREFIX + notification.id()))
                    .map(Holder::new)
                    .defaultIfEmpty(new Holder(null))
                    .map((state) -> (state.value != null && state.value.startsWith(HANDLED)) ? duplicate(notification)
                            : new Result(NotificationOutcome.REJECTED_REPLAY, NotificationReply.failure(409,
                                    "replayed request"), "same nonce and signature as an earlier delivery",
                                    notification, null));
            });
    }

    /** Concurrent deliveries of one id in this instance share one handling and one result. */
    private Mono<Result> handleOnce(DiscountCardNotification notification, String replayKey) {
        String id = notification.id();
        Mono<Result> mine = Mono.defer(() -> claimAndHandle(notification, replayKey))
            .doFinally((signal) -> this.inFlight.remove(id))
            .cache();
        Mono<Result> shared = this.inFlight.computeIfAbsent(id, (key) -> mine);
        if (shared != mine) {
            // a duplicate that arrived while the first delivery is handled: its own signed request needs no record
            return storeRun(() -> this.store.remove(replayKey)).then(shared).map((result) ->
                    result.outcome.isFailure() ? result : duplicate(notification));
        }
        return shared;
    }

    private Mono<Result> claimAndHandle(DiscountCardNotification notification, String replayKey) {
        String key = ID_PREFIX + notification.id();
        return storeCall(() -> this.store.putIfAbsent(key, CLAIMED + this.clock.millis()))
            .map(Holder::new)
            .defaultIfEmpty(new Holder(null))
            .flatMap((before) -> {
                String state = before.value;
                if (state == null) {
                    return runHandlers(notification, key, replayKey);
                }
                if (state.startsWith(HANDLED)) {
                    return Mono.just(duplicate(notification));
                }
                if (claimExpired(state)) {
                    // the instance that claimed it never finished (it stopped): take over
                    return storeRun(() -> this.store.put(key, CLAIMED + this.clock.millis()))
                        .then(runHandlers(notification, key, replayKey));
                }
                return storeRun(() -> this.store.remove(replayKey)).thenReturn(new Result(
                        NotificationOutcome.IN_PROGRESS, NotificationReply.failure(503, "being handled"),
                        "another delivery of this id is being handled", notification, null));
            });
    }

    private Mono<Result> runHandlers(DiscountCardNotification notification, String key, String replayKey) {
        List<DiscountCardNotificationHandler> takers = new ArrayList<>();
        for (DiscountCardNotificationHandler handler : this.handlers) {
            if (handler.supports(notification.eventType())) {
                takers.add(handler);
            }
        }
        if (takers.isEmpty()) {
            return markHandled(key, replayKey).thenReturn(new Result(NotificationOutcome.UNHANDLED,
                    NotificationReply.received(), "no handler takes this event type", notification, null));
        }
        return Flux.fromIterable(takers)
            .concatMap((handler) -> Mono.defer(() -> Objects.requireNonNull(handler.handle(notification),
                    () -> handler + " returned null instead of a Mono")))
            .then()
            .timeout(this.replyBudget)
            .then(Mono.defer(() -> markHandled(key, replayKey)))
            .thenReturn(new Result(NotificationOutcome.HANDLED, NotificationReply.received(), null, notification, null))
            .onErrorResume((ex) -> forget(key, replayKey).thenReturn((ex instanceof TimeoutException)
                    ? new Result(NotificationOutcome.HANDLER_TIMEOUT, NotificationReply.failure(500, "not handled in time"),
                            "still running after " + this.replyBudget.toMillis() + " ms", notification, null)
                    : new Result(NotificationOutcome.HANDLER_FAILED, NotificationReply.failure(500, "not handled"),
                            "a handler failed", notification, ex)));
    }

    private Mono<Void> markHandled(String key, String replayKey) {
        String value = HANDLED + this.clock.millis();
        return storeRun(() -> {
            this.store.put(key, value);
            this.store.put(replayKey, value);
        });
    }

    /** After a failure: the next delivery (WeChat Pay's retry) must be handled again. */
    private Mono<Void> forget(String key, String replayKey) {
        return storeRun(() -> {
            this.store.remove(key);
            this.store.remove(replayKey);
        }).onErrorResume((ex) -> Mono.empty());
    }

    private boolean claimExpired(String state) {
        try {
            long claimedAt = Long.parseLong(state.substring(CLAIMED.length()));
            // generous: the claimant's handlers stop at the reply budget
            return this.clock.millis() - claimedAt > 2 * this.replyBudget.toMillis() + 10_000;
        }
        catch (RuntimeException ex) {
            return true;
        }
    }

    private Result duplicate(DiscountCardNotification notification) {
        return new Result(NotificationOutcome.DUPLICATE, NotificationReply.received(), null, notification, null);
    }

    private <T> Mono<T> storeCall(Supplier<@Nullable T> call) {
        Mono<T> mono = Mono.fromSupplier(call);
        return this.store.mayBlock() ? mono.subscribeOn(Schedulers.boundedElastic()) : mono;
    }

    private Mono<Void> storeRun(Runnable call) {
        Mono<Void> mono = Mono.fromRunnable(call);
        return this.store.mayBlock() ? mono.subscribeOn(Schedulers.boundedElastic()) : mono;
    }

    /** A short, fixed-length key for one signed request. */
    private static String digest(ResponseSignature signature) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((signature.timestamp() + "\n" + signature.nonce() + "\n" + signature.signature())
                .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available on this JVM", ex);
        }
    }

    @Override
    public String toString() {
        return "NotificationProcessor[handlers=" + this.handlers.size() + ", store=" + this.store + ", replyBudget="
                + this.replyBudget + ", maxBodyBytes=" + this.maxBodyBytes + "]";
    }

    /** A value that may be absent, so that it can travel in a {@code Mono}. */
    private record Holder(@Nullable String value) {
    }

    /** What one delivery came to. */
    record Result(NotificationOutcome outcome, NotificationReply reply, @Nullable String detail,
            @Nullable DiscountCardNotification notification, @Nullable Throwable error) {
    }

    /** What the log line and observation know about a delivery as it goes. */
    static final class Trace {

        final long started = System.nanoTime();

        final @Nullable String requestId;

        volatile @Nullable String id;

        volatile @Nullable String eventType;

        volatile @Nullable VerificationFailure verificationFailure;

        Trace(@Nullable String requestId) {
            this.requestId = requestId;
        }
    }

    /** The notification envelope: everything but the resource is read here, after verification. */
    private record Envelope(String id, String eventType, @Nullable String createTime, @Nullable String resourceType,
            @Nullable String summary, @Nullable String originalType, String associatedData, String nonce,
            String ciphertext) {

        static Envelope read(JsonMapper mapper, byte[] body) {
            JsonNode root;
            try {
                root = mapper.readTree(body);
            }
            catch (JacksonException ex) {
                throw new MalformedEnvelopeException("the body is not JSON");
            }
            if (root == null || !root.isObject()) {
                throw new MalformedEnvelopeException("the body is not a JSON object");
            }
            JsonNode resource = root.get("resource");
            if (resource == null || !resource.isObject()) {
                throw new MalformedEnvelopeException("the envelope has no resource object");
            }
            String algorithm = text(resource, "algorithm");
            if (algorithm != null && !"AEAD_AES_256_GCM".equals(algorithm)) {
                throw new MalformedEnvelopeException("resource.algorithm is not AEAD_AES_256_GCM");
            }
            String associatedData = text(resource, "associated_data");
            return new Envelope(required(root, "id"), required(root, "event_type"), text(root, "create_time"),
                    text(root, "resource_type"), text(root, "summary"), text(resource, "original_type"),
                    (associatedData != null) ? associatedData : "", required(resource, "nonce", "resource.nonce"),
                    required(resource, "ciphertext", "resource.ciphertext"));
        }

        DiscountCardNotification toNotification(String plaintext, JsonMapper mapper) {
            CardNotificationPayload card = null;
            OrderNotificationPayload order = null;
            DiscountCardEvent event = DiscountCardEvent.of(this.eventType).orElse(null);
            try {
                if (event != null && event.family() == DiscountCardEvent.Family.CARDS) {
                    card = mapper.readValue(plaintext, CardNotificationPayload.class);
                }
                else if (event != null) {
                    order = mapper.readValue(plaintext, OrderNotificationPayload.class);
                }
            }
            catch (JacksonException ex) {
                // handlers still get the raw JSON: a payload WeChat shaped differently must not lose the event
            }
            return new DiscountCardNotification(this.id, this.eventType, this.createTime, this.resourceType,
                    this.summary, this.originalType, plaintext, card, order);
        }

        private static String required(JsonNode node, String field) {
            return required(node, field, field);
        }

        private static String required(JsonNode node, String field, String name) {
            String value = text(node, field);
            if (value == null || value.isBlank()) {
                throw new MalformedEnvelopeException("the envelope has no " + name);
            }
            return value;
        }

        private static @Nullable String text(JsonNode node, String field) {
            JsonNode value = node.get(field);
            return (value != null && value.isValueNode() && !value.isNull()) ? value.asString() : null;
        }
    }

    private static final class MalformedEnvelopeException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        MalformedEnvelopeException(String message) {
            super(message, null, false, false);
        }
    }

    /** Options of a {@link NotificationProcessor}. */
    public static final class Builder {

        private @Nullable ResponseVerifier verifier;

        private @Nullable AeadAesGcm apiV3Key;

        private final List<DiscountCardNotificationHandler> handlers = new ArrayList<>();

        private NotificationIdempotencyStore store = new InMemoryNotificationIdempotencyStore();

        private Duration replyBudget = DEFAULT_REPLY_BUDGET;

        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;

        private @Nullable UnknownSerialRefresher unknownSerialRefresher;

        private Clock clock = Clock.systemUTC();

        private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

        private boolean logBodies;

        private Builder() {
        }

        /** Verifies the signature (required): the same keys that verify the client's responses. */
        public Builder verifier(ResponseVerifier verifier) {
            this.verifier = Objects.requireNonNull(verifier, "verifier");
            return this;
        }

        /** Decrypts the resource (required). */
        public Builder apiV3Key(AeadAesGcm apiV3Key) {
            this.apiV3Key = Objects.requireNonNull(apiV3Key, "apiV3Key");
            return this;
        }

        /** Adds a handler; handlers are called in the order added. */
        public Builder handler(DiscountCardNotificationHandler handler) {
            this.handlers.add(Objects.requireNonNull(handler, "handler"));
            return this;
        }

        public Builder handlers(List<? extends DiscountCardNotificationHandler> handlers) {
            handlers.forEach(this::handler);
            return this;
        }

        /** The record of handled ids; in memory (100,000 entries, 25 h) by default. */
        public Builder store(NotificationIdempotencyStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** How long handlers get before the reply is a failure; {@link NotificationProcessor#DEFAULT_REPLY_BUDGET} by default. */
        public Builder replyBudget(Duration replyBudget) {
            if (replyBudget.isNegative() || replyBudget.isZero()) {
                throw new IllegalArgumentException("replyBudget must be positive but was " + replyBudget);
            }
            this.replyBudget = replyBudget;
            return this;
        }

        /** The largest body accepted; 64 KiB by default. */
        public Builder maxBodyBytes(int maxBodyBytes) {
            if (maxBodyBytes < 1) {
                throw new IllegalArgumentException("maxBodyBytes must be positive but was " + maxBodyBytes);
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /** Downloads certificates when a notification names an unknown certificate serial; none by default. */
        public Builder unknownSerialRefresher(@Nullable UnknownSerialRefresher refresher) {
            this.unknownSerialRefresher = refresher;
            return this;
        }

        /** The clock of the idempotency records; the system clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder observationRegistry(ObservationRegistry observationRegistry) {
            this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry");
            return this;
        }

        /** Whether the DEBUG line of each notification shows the decrypted resource (openids masked). Off by default. */
        public Builder logBodies(boolean logBodies) {
            this.logBodies = logBodies;
            return this;
        }

        public NotificationProcessor build() {
            return new NotificationProcessor(this);
        }
    }
}
