package io.github.discountcard.test;

import java.net.URI;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

import io.github.discountcard.core.VerificationKeys;
import org.jspecify.annotations.Nullable;

/**
 * An embedded WeChat Pay APIv3 server for the discount card order endpoints: a real HTTP server on loopback
 * (Reactor Netty, random port by default) that checks {@code WECHATPAY2-SHA256-RSA2048} request signatures, signs
 * every response with its platform key, keeps orders in memory, and fails on demand.
 *
 * <pre>{@code
 * try (DiscountCardSimulator simulator = DiscountCardSimulator.builder().build().start()) {
 *     TestMerchant merchant = TestMerchant.generate("1900000109");
 *     simulator.registerMerchant(merchant);
 *     simulator.createOrder("233bcbf407e87789b8e471f251774f95");
 *     // point the client at simulator.baseUrl(), verify responses with simulator.verificationKeys()
 * }
 * }</pre>
 *
 * Endpoints: {@code PATCH} and {@code GET /v3/discount-card/orders/{out_order_no}},
 * {@code GET /v3/discount-card/orders/out-trade-no/{out_trade_no}}, the cards family ({@code POST
 * /v3/discount-card/cards}, {@code POST …/cards/{out_card_code}/add-user-records} answered 204 and signed,
 * {@code GET …/cards/{out_card_code}}; see {@link #registerCardTemplate}, {@link #claimCard}) and
 * {@code GET /v3/certificates}. An unknown order or card is 404 {@code RESOURCE_NOT_EXISTS}.
 * Every answer carries a unique {@code Request-ID} and the four {@code Wechatpay-*} signature headers; errors are
 * {@code {"code":"…","message":"…"}} plus {@code "detail":{"field","location","issue"}} for {@code PARAM_ERROR}.
 * <p>
 * The simulator's clock both stamps responses and judges request timestamps (5-minute window). Orders and merchants
 * survive {@link #reset()} and restarts; {@link #reset()} clears the recorded requests and the faults. Thread-safe.
 */
public final class DiscountCardSimulator implements AutoCloseable {

    private final String host;

    private final int port;

    private final Clock clock;

    private final @Nullable SimulatorTls tls;

    private volatile Duration latency;

    private final MerchantRegistry merchants = new MerchantRegistry();

    private final OrderStore orders = new OrderStore();

    private final CardCatalog catalog = new CardCatalog();

    private final CardStore cards;

    private final FaultSchedule faults = new FaultSchedule();

    private final RequestLog log = new RequestLog();

    private final PlatformKeys platformKeys;

    private final SimulatorServer server;

    private final SimulatedNotifications notifications;

    private DiscountCardSimulator(Builder builder) {
        this.host = builder.host;
        this.port = builder.port;
        this.clock = builder.clock;
        this.tls = builder.tls;
        this.latency = builder.latency;
        this.platformKeys = new PlatformKeys(builder.mode, this.clock, builder.platformKey);
        this.cards = new CardStore(this.clock);
        RequestProcessor processor = new RequestProcessor(this.faults,
                new RequestAuthenticator(this.merchants, this.clock), this.platformKeys, this.clock, this.orders,
                this.cards, new SimulatorJson(), this.log);
        this.server = new SimulatorServer(processor, () -> this.latency);
        this.notifications = new SimulatedNotifications(this.merchants, this.platformKeys, this.clock,
                (outOrderNo) -> this.orders.find(outOrderNo).orElse(null));
        // every card action (claim, agreement end, charge-back) notifies the card's notify_url, like WeChat Pay
        CardEndpoints cardJson = new CardEndpoints(this.cards, new SimulatorJson().mapper());
        this.cards.onEvent((event) -> this.notifications.deliverCardEvent(event.card().mchid(), event.eventType(),
                event.card().notifyUrl(), cardJson.cardJson(event.card())));
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- lifecycle

    /** Binds the server (again, after {@link #close()}: on a new random port when the port is 0). */
    public DiscountCardSimulator start() {
        this.server.start(this.host, this.port, this.tls);
        return this;
    }

    /** Disposes the server and its event loops and waits for them; the simulator can be started again. */
    @Override
    public void close() {
        this.server.stop();
        this.notifications.close();
    }

    public boolean isRunning() {
        return this.server.isRunning();
    }

    /** The bound port; {@link IllegalStateException} when not running. */
    public int port() {
        return this.server.port();
    }

    /** E.g. {@code http://127.0.0.1:54321} ({@code https://} with TLS), without a trailing slash. */
    public String baseUrl() {
        String host = this.host.contains(":") ? "[" + this.host + "]" : this.host;
        return ((this.tls != null) ? "https://" : "http://") + host + ":" + port();
    }

    /** The TLS identity when the simulator serves https ({@link Builder#tls(SimulatorTls)}). */
    public Optional<SimulatorTls> tls() {
        return Optional.ofNullable(this.tls);
    }

    /** The URI of a request target, e.g. {@code uri("/v3/discount-card/orders/abc")}. */
    public URI uri(String rawTarget) {
        return URI.create(baseUrl() + rawTarget);
    }

    public SigningMode mode() {
        return this.platformKeys.mode();
    }

    public Clock clock() {
        return this.clock;
    }

    // ---------------------------------------------------------------- merchants

    /** Registers a merchant API certificate serial and its public key (a merchant may have several serials). */
    public DiscountCardSimulator registerMerchant(String mchId, String serialNumber, PublicKey key) {
        this.merchants.register(mchId, serialNumber, key, null);
        return this;
    }

    /** Also sets the merchant's 32-character APIv3 key, which {@code /v3/certificates} encrypts with. */
    public DiscountCardSimulator registerMerchant(String mchId, String serialNumber, PublicKey key, String apiV3Key) {
        this.merchants.register(mchId, serialNumber, key, Objects.requireNonNull(apiV3Key, "apiV3Key"));
        return this;
    }

    /** Registers the merchant's serial, public key and APIv3 key. */
    public DiscountCardSimulator registerMerchant(TestMerchant merchant) {
        return registerMerchant(merchant.mchId(), merchant.serialNumber(), merchant.publicKey(), merchant.apiV3Key());
    }

    // ---------------------------------------------------------------- orders

    /**
     * Creates an order in state {@code CREATED} with plausible values and an out_trade_no derived from the
     * out_order_no ({@code T} + 30 hex digits).
     * @throws IllegalArgumentException when out_order_no is empty or longer than 64 characters
     * @throws IllegalStateException when the order (or its out_trade_no) already exists
     */
    public SimulatedOrder createOrder(String outOrderNo) {
        return createOrder(outOrderNo, CardCatalog.deriveOutTradeNo(outOrderNo));
    }

    /** Creates an order with the given out_trade_no (1-32 characters of digits, letters and {@code _-|*}). */
    public SimulatedOrder createOrder(String outOrderNo, String outTradeNo) {
        return this.orders.add(this.catalog.newOrder(outOrderNo, outTradeNo, this.clock));
    }

    /** Adds an order built by the test, e.g. a modified copy of one from {@link #createOrder(String)}. */
    public SimulatedOrder putOrder(SimulatedOrder order) {
        CardCatalog.checkOutOrderNo(order.outOrderNo());
        return this.orders.add(order);
    }

    /** The current state of an order. */
    public Optional<SimulatedOrder> order(String outOrderNo) {
        return this.orders.find(outOrderNo);
    }

    public Optional<SimulatedOrder> orderByOutTradeNo(String outTradeNo) {
        return this.orders.findByOutTradeNo(outTradeNo);
    }

    /** All orders, oldest first. */
    public List<SimulatedOrder> orders() {
        return this.orders.all();
    }

    /**
     * Changes an order atomically, e.g. {@code updateOrder(no, (order) -> order.withState(OrderState.SETTLING))}.
     * out_order_no and out_trade_no must stay.
     */
    public SimulatedOrder updateOrder(String outOrderNo, UnaryOperator<SimulatedOrder> change) {
        return this.orders.update(outOrderNo, change);
    }

    /** Forgets every order ({@link #reset()} does not). */
    public void clearOrders() {
        this.orders.clear();
    }

    // ---------------------------------------------------------------- cards (the current family)

    /**
     * Registers a card template (WeChat configures templates offline; there is no API for them). Cards can be
     * prepared only of a registered template; registering the same id again replaces it for later claims.
     */
    public DiscountCardSimulator registerCardTemplate(CardTemplate template) {
        this.cards.register(Objects.requireNonNull(template, "template"));
        return this;
    }

    /** The registered template with this id. */
    public Optional<CardTemplate> cardTemplate(String cardTemplateId) {
        return this.cards.template(cardTemplateId);
    }

    /** All registered templates, by id. */
    public List<CardTemplate> cardTemplates() {
        return this.cards.templates();
    }

    /** A claim prepared by {@code POST /v3/discount-card/cards} that the user has not acted on yet. */
    public Optional<PreparedCard> preparedCard(String outCardCode) {
        return this.cards.prepared(outCardCode);
    }

    /** The current state of a claimed card. */
    public Optional<SimulatedCard> card(String outCardCode) {
        return this.cards.find(outCardCode);
    }

    /** All claimed cards, oldest first. */
    public List<SimulatedCard> cards() {
        return this.cards.all();
    }

    /**
     * The simulated user opens the claim page and accepts the prepared card: it becomes {@code ONGOING} for 30 days,
     * with the template's objectives and rewards, and a {@link CardEvent#USER_ACCEPTED} event follows. Like every card
     * action, it notifies the card's {@code notify_url} (see {@link SimulatedNotifications#redirect}) when the merchant
     * has an APIv3 key and the host is not a reserved example one.
     * @throws IllegalArgumentException when no claim with this out_card_code was prepared
     * @throws IllegalStateException when the card was claimed already
     */
    public SimulatedCard claimCard(String outCardCode) {
        return this.cards.claim(outCardCode, null, null);
    }

    /** Like {@link #claimCard(String)}, by a given user, optionally shared by another ({@code sharer_openid}). */
    public SimulatedCard claimCard(String outCardCode, String openid, @Nullable String sharerOpenid) {
        return this.cards.claim(outCardCode, Objects.requireNonNull(openid, "openid"), sharerOpenid);
    }

    /**
     * The card's agreement ends with its objectives met: {@code FINISHED}, {@code total_amount} the value of the
     * rewards used; a {@link CardEvent#AGREEMENT_ENDED} event follows.
     * @throws IllegalStateException when the card is not {@code ONGOING} or {@code SETTLING}
     */
    public SimulatedCard finishCard(String outCardCode) {
        return this.cards.endAgreement(outCardCode, true, null);
    }

    /**
     * The card's agreement ends unfinished (objectives missed, or the user quit): {@code UNFINISHED} with the
     * reason ({@code DUE_TO_QUIT}, {@code EARLY_QUIT} or any text), {@code total_amount} the value of the rewards
     * used and, when that is more than 0, a charge-back {@code PAYING}; a {@link CardEvent#AGREEMENT_ENDED} event
     * follows.
     * @throws IllegalStateException when the card is not {@code ONGOING} or {@code SETTLING}
     */
    public SimulatedCard endCardUnfinished(String outCardCode, String unfinishedReason) {
        return this.cards.endAgreement(outCardCode, false, Objects.requireNonNull(unfinishedReason, "reason"));
    }

    /**
     * The user pays the charge-back: {@code pay_state} {@code PAYING} becomes {@code PAID} with a transaction id and
     * pay time; a {@link CardEvent#USER_PAID} event follows.
     * @throws IllegalStateException when the card has no charge-back in {@code PAYING}
     */
    public SimulatedCard payCardChargeBack(String outCardCode) {
        return this.cards.pay(outCardCode);
    }

    /**
     * Changes a claimed card atomically without an event, e.g. to answer with a state WeChat may add later, or
     * {@code card.withOutCardCode("other")} to answer a query with another card's data.
     */
    public SimulatedCard updateCard(String outCardCode, UnaryOperator<SimulatedCard> change) {
        return this.cards.change(outCardCode, change);
    }

    /**
     * Calls the listener after each lifecycle change (claim, agreement end, payment), on the thread that made it;
     * notification delivery hooks in here.
     */
    public DiscountCardSimulator onCardEvent(java.util.function.Consumer<CardEvent> listener) {
        this.cards.onEvent(listener);
        return this;
    }

    /** Forgets every prepared and claimed card (templates stay; {@link #reset()} does not forget cards). */
    public void clearCards() {
        this.cards.clear();
    }

    // ---------------------------------------------------------------- platform keys

    /**
     * The WeChat Pay public key that signs responses (PUBLIC_KEY and MIXED modes).
     * @throws IllegalStateException in CERTIFICATE mode, which has no public key
     */
    public PublicKey platformPublicKey() {
        return this.platformKeys.publicKey().publicKey();
    }

    /**
     * The public key id, {@code PUB_KEY_ID_} + 28 digits (PUBLIC_KEY and MIXED modes).
     * @throws IllegalStateException in CERTIFICATE mode
     */
    public String platformPublicKeyId() {
        return this.platformKeys.publicKey().id();
    }

    /**
     * The current platform certificate (CERTIFICATE and MIXED modes).
     * @throws IllegalStateException in PUBLIC_KEY mode, which has no certificate
     */
    public X509Certificate platformCertificate() {
        return Objects.requireNonNull(this.platformKeys.currentCertificate().certificate());
    }

    /** What {@code /v3/certificates} lists now: the current certificate first, then earlier ones still valid. */
    public List<X509Certificate> platformCertificates() {
        List<X509Certificate> certificates = new ArrayList<>();
        this.platformKeys.listedCertificates()
            .forEach((key) -> certificates.add(Objects.requireNonNull(key.certificate())));
        return List.copyOf(certificates);
    }

    /** The {@code Wechatpay-Serial} of responses to requests that name no key: the public key id or current serial. */
    public String signingSerial() {
        return this.platformKeys.defaultKey().id();
    }

    /**
     * A fresh core key registry with every key this simulator may sign with: the public key and all certificates
     * (expired ones included, so the core reports them as {@code KEY_EXPIRED}). A snapshot: call again after a
     * rotation.
     */
    public VerificationKeys verificationKeys() {
        return this.platformKeys.verificationKeys();
    }

    /** Makes a new platform certificate (valid from a day ago for five years) the signing one. */
    public X509Certificate rotateCertificate() {
        Instant now = this.clock.instant();
        return rotateCertificate(now.minus(PlatformKeys.BACKDATE), now.plus(PlatformKeys.VALIDITY));
    }

    /**
     * Makes a new platform certificate with the given validity the signing one, e.g. an expired or not yet valid
     * one. {@code /v3/certificates} lists the current certificate whatever its validity, plus earlier ones that are
     * valid now.
     * @throws IllegalStateException in PUBLIC_KEY mode
     */
    public X509Certificate rotateCertificate(Instant notBefore, Instant notAfter) {
        return this.platformKeys.rotate(notBefore, notAfter);
    }

    /**
     * MIXED mode: signs every response with this key, whatever the request's {@code Wechatpay-Serial} names (as
     * WeChat Pay may during its migration); {@code null} or {@code DEFAULT} to follow the request again.
     */
    public void signResponsesWith(SimulatedNotifications.@Nullable SignedBy signedBy) {
        this.platformKeys.responseKey(signedBy);
    }

    // ---------------------------------------------------------------- faults

    /** Injects the fault into the next {@code times} requests (queued after earlier {@code failNext} calls). */
    public void failNext(Fault fault, int times) {
        this.faults.failNext(Objects.requireNonNull(fault, "fault"), times);
    }

    /** Injects the fault into the next request. */
    public void failNext(Fault fault) {
        failNext(fault, 1);
    }

    /** Injects the fault into every request (after any queued ones) until {@link #clearFaults()}; null for none. */
    public void setFault(@Nullable Fault fault) {
        this.faults.setPersistent(fault);
    }

    /** Removes queued and persistent faults. */
    public void clearFaults() {
        this.faults.clear();
    }

    /** Delays every answer (and connection reset) by this much; zero for none. */
    public void setLatency(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative but was " + latency);
        }
        this.latency = latency;
    }

    public Duration latency() {
        return this.latency;
    }

    // ---------------------------------------------------------------- notifications

    /** Notifications to merchants' endpoints: signed, encrypted, retried and recorded like WeChat Pay's. */
    public SimulatedNotifications notifications() {
        return this.notifications;
    }

    // ---------------------------------------------------------------- observability

    /** The requests received so far (since the last {@link #reset()}), in the order they were answered. */
    public List<ReceivedRequest> requests() {
        return this.log.snapshot();
    }

    public int requestCount() {
        return this.log.size();
    }

    /** The client connections open now (to check that clients give their connections back). */
    public int openConnections() {
        return this.server.openConnections();
    }

    /** The last request answered, if any. */
    public Optional<ReceivedRequest> lastRequest() {
        List<ReceivedRequest> requests = this.log.snapshot();
        return requests.isEmpty() ? Optional.empty() : Optional.of(requests.get(requests.size() - 1));
    }

    /** Clears the recorded requests and notifications and all faults. Orders, merchants, keys and the latency stay. */
    public void reset() {
        this.log.clear();
        this.faults.clear();
        this.notifications.clear();
    }

    @Override
    public String toString() {
        return "DiscountCardSimulator[" + mode() + (isRunning() ? ", " + baseUrl() : ", stopped") + "]";
    }

    /** Options of a {@link DiscountCardSimulator}. */
    public static final class Builder {

        private SigningMode mode = SigningMode.PUBLIC_KEY;

        private Clock clock = Clock.systemUTC();

        private Duration latency = Duration.ZERO;

        private String host = "127.0.0.1";

        private int port = 0;

        private PlatformKeys.@Nullable GivenKey platformKey;

        private @Nullable SimulatorTls tls;

        private Builder() {
        }

        /**
         * Serves https with this certificate instead of plain http (not set by default), for a client that is not on
         * loopback and trusts {@link SimulatorTls#certificate()}.
         */
        public Builder tls(SimulatorTls tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** PUBLIC_KEY (default), CERTIFICATE or MIXED. */
        public Builder mode(SigningMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** The clock that stamps responses and orders and judges request timestamps; the system clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The initial latency of every answer; none by default. */
        public Builder latency(Duration latency) {
            if (latency.isNegative()) {
                throw new IllegalArgumentException("latency must not be negative but was " + latency);
            }
            this.latency = latency;
            return this;
        }

        /** The address to bind; {@code 127.0.0.1} by default. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port to bind; 0 (a random free port) by default. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 to 65535 but was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Signs responses with this WeChat Pay public key pair and id instead of a generated pair, so that a client
         * in another process can be configured with the public key up front (PUBLIC_KEY and MIXED modes; not set by
         * default). {@link #build()} fails in CERTIFICATE mode.
         * @param keyPair an RSA key pair (2048 bits or more) whose public key belongs to its private key
         * @param publicKeyId {@code PUB_KEY_ID_} followed by digits, e.g. {@code PUB_KEY_ID_0114232134912410000000000000}
         * @throws IllegalArgumentException when the id does not start with {@code PUB_KEY_ID_} or the keys do not
         * form an RSA pair
         */
        public Builder platformKey(KeyPair keyPair, String publicKeyId) {
            this.platformKey = new PlatformKeys.GivenKey(keyPair, publicKeyId);
            return this;
        }

        /** Builds the simulator and its platform keys (RSA key generation takes some 100 ms a key). */
        public DiscountCardSimulator build() {
            return new DiscountCardSimulator(this);
        }
    }
}
