package io.github.discountcard.test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.github.discountcard.core.AeadAesGcm;
import io.github.discountcard.core.RequestSigner;
import io.github.discountcard.core.ResponseSignature;
import io.github.discountcard.core.ResponseVerifier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Notifications the simulator sends like WeChat Pay: a JSON envelope whose {@code resource} is encrypted
 * (AEAD_AES_256_GCM) with the merchant's APIv3 key, signed by the simulator's platform key (public key or
 * certificate) over {@code TIMESTAMP\nNONCE\nBODY\n}, posted to a URL; failed deliveries (no answer within the
 * response timeout, or not 2xx) are retried on {@link #WECHAT_RETRY_SCHEDULE} compressed a thousandfold by default.
 * Every attempt and its answer is recorded. Faults on demand: {@link NotificationFault}.
 *
 * <pre>{@code
 * NotificationDelivery delivery = simulator.notifications()
 *     .notification(merchant.mchId(), NotificationPayloads.USER_ACCEPTED, resourceJson)
 *     .deliverTo(URI.create("http://127.0.0.1:8080/wechatpay/discount-card/notifications"));
 * delivery.awaitSettled(Duration.ofSeconds(10));
 * }</pre>
 *
 * Orders-family events go to the URLs registered with {@link #registerNotifyUrl(String, URI)}. Like WeChat Pay, no
 * notification is sent for a merchant registered without an APIv3 key. Thread-safe.
 */
public final class SimulatedNotifications {

    /** WeChat Pay's published retry delays after a failed delivery (nine retries; the discount card pages allow 9). */
    public static final List<Duration> WECHAT_RETRY_SCHEDULE = List.of(Duration.ofSeconds(15), Duration.ofSeconds(15),
            Duration.ofSeconds(30), Duration.ofMinutes(3), Duration.ofMinutes(10), Duration.ofMinutes(20),
            Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofMinutes(30));

    /** How far {@link NotificationFault#STALE_TIMESTAMP} puts the timestamp back when no skew is given. */
    public static final Duration STALE_BY = Duration.ofMinutes(10);

    private static final String SIGNATURE_TYPE_HEADER = "Wechatpay-Signature-Type";

    /** Which platform key signs a notification. */
    public enum SignedBy {
        /** The public key in PUBLIC_KEY mode, the current certificate in CERTIFICATE and MIXED modes. */
        DEFAULT,
        /** The WeChat Pay public key (PUBLIC_KEY and MIXED modes). */
        PUBLIC_KEY,
        /** The current platform certificate (CERTIFICATE and MIXED modes). */
        CERTIFICATE
    }

    private final MerchantRegistry merchants;

    private final PlatformKeys keys;

    private final Clock clock;

    private final Function<String, @Nullable SimulatedOrder> orders;

    private final NotificationSender sender = new NotificationSender();

    private final JsonMapper mapper = JsonMapper.builder().build();

    private final ConcurrentLinkedQueue<NotificationFault> queuedFaults = new ConcurrentLinkedQueue<>();

    private final Map<String, List<URI>> notifyUrls = new ConcurrentHashMap<>();

    private final List<NotificationDelivery> deliveries = Collections.synchronizedList(new ArrayList<>());

    private final List<NotificationAttempt> attempts = Collections.synchronizedList(new ArrayList<>());

    private final Map<URI, ConcurrentLinkedQueue<Runnable>> held = new ConcurrentHashMap<>();

    private volatile List<Duration> retrySchedule = compressed(1000);

    private volatile @Nullable RequestSigner stranger;

    private volatile UnaryOperator<URI> redirect = UnaryOperator.identity();

    SimulatedNotifications(MerchantRegistry merchants, PlatformKeys keys, Clock clock,
            Function<String, @Nullable SimulatedOrder> orders) {
        this.merchants = merchants;
        this.keys = keys;
        this.clock = clock;
        this.orders = orders;
    }

    /** {@link #WECHAT_RETRY_SCHEDULE} divided by {@code factor}, e.g. 1000: 15 ms, 15 ms, 30 ms, 180 ms … */
    public static List<Duration> compressed(long factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be at least 1 but was " + factor);
        }
        return WECHAT_RETRY_SCHEDULE.stream().map((delay) -> delay.dividedBy(factor)).toList();
    }

    // ---------------------------------------------------------------- sending

    /** A notification to sign or deliver; the resource is the decrypted JSON the endpoint should see. */
    public Outgoing notification(String mchId, String eventType, String resourceJson) {
        return new Outgoing(mchId, eventType, resourceJson);
    }

    /** A cards-family event with plausible content ({@link NotificationPayloads#card}). */
    public Outgoing cardEvent(String mchId, String eventType, String outCardCode, String openid) {
        return notification(mchId, eventType, NotificationPayloads.card(eventType, mchId, outCardCode, openid,
                this.clock));
    }

    /**
     * Delivers the cards-family notification of a simulated card's lifecycle change (claim, agreement end,
     * charge-back) to the card's {@code notify_url}, as WeChat Pay does; called by the simulator's card actions.
     * The resource is the card as the query answers it, trimmed to the fields the event carries (lifecycle spec
     * §3.3). Like WeChat Pay, nothing is sent for a merchant without an APIv3 key; nothing is sent to a reserved
     * example host ({@code example.com}, {@code .test}, {@code .invalid} …: RFC 2606), so tests never reach out.
     * @return the delivery, or {@code null} when nothing was sent
     */
    @Nullable NotificationDelivery deliverCardEvent(String mchId, String eventType, String notifyUrl, ObjectNode card) {
        MerchantRegistry.Merchant merchant = this.merchants.find(mchId).orElse(null);
        URI url;
        try {
            url = URI.create(notifyUrl);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
        if (merchant == null || merchant.aead() == null) {
            return null;
        }
        url = this.redirect.apply(url);
        if (url.getHost() == null || isReservedExample(url.getHost())) {
            return null;
        }
        ObjectNode resource = card.deepCopy();
        switch (eventType) {
            case NotificationPayloads.USER_ACCEPTED -> resource.remove(List.of("unfinished_reason", "total_amount",
                    "pay_information"));
            case NotificationPayloads.AGREEMENT_ENDED -> resource.remove(List.of("pay_information", "sharer_openid"));
            case NotificationPayloads.USER_PAID -> resource.remove(List.of("time_range", "create_time", "objectives",
                    "rewards", "sharer_openid"));
            default -> {
                // an event this simulator does not know yet: the whole card
            }
        }
        return notification(mchId, eventType, this.mapper.writeValueAsString(resource)).deliverTo(url);
    }

    private static boolean isReservedExample(String host) {
        String name = host.toLowerCase(java.util.Locale.ROOT);
        for (String reserved : List.of("example", "example.com", "example.net", "example.org", "test", "invalid")) {
            if (name.equals(reserved) || name.endsWith("." + reserved)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sends GET_CARD or SETTLEMENT about a simulator order to every URL registered for the merchant.
     * @throws IllegalArgumentException when the order does not exist
     * @throws IllegalStateException when no URL is registered for the merchant
     */
    public List<NotificationDelivery> orderEvent(String mchId, String eventType, String outOrderNo) {
        SimulatedOrder order = this.orders.apply(outOrderNo);
        if (order == null) {
            throw new IllegalArgumentException("No simulator order " + outOrderNo);
        }
        String resource = NotificationPayloads.GET_CARD.equals(eventType) ? NotificationPayloads.getCard(order)
                : NotificationPayloads.settlement(order);
        return notification(mchId, eventType, resource).deliverToRegistered();
    }

    /** Signs an arbitrary body like a notification (for endpoints' tests of bad JSON or oversize bodies). */
    public SignedNotification signRaw(String id, byte[] body, NotificationFault... faults) {
        Set<NotificationFault> set = faults(faults);
        return sign(id, "RAW", body, set, null, SignedBy.DEFAULT);
    }

    /**
     * Posts a request made by {@link Outgoing#sign()} or {@link #signRaw} once, as it is (no retry), waits for the
     * answer and records the attempt.
     */
    public NotificationAttempt post(SignedNotification request, URI url) {
        Instant sentAt = this.clock.instant();
        NotificationSender.Reply reply = Objects.requireNonNull(
                this.sender.post(url, request.headers(), request.body()).block(Duration.ofMinutes(1)), "reply");
        NotificationAttempt attempt = new NotificationAttempt(request.id(), request.eventType(), url, 1, Set.of(),
                sentAt, reply.status(), reply.body(), reply.error());
        this.attempts.add(attempt);
        return attempt;
    }

    // ---------------------------------------------------------------- configuration

    /** Registers a URL that receives the merchant's orders-family notifications (set in the card template at WeChat). */
    public void registerNotifyUrl(String mchId, URI url) {
        this.notifyUrls.computeIfAbsent(mchId, (id) -> new CopyOnWriteArrayList<>()).add(Objects.requireNonNull(url));
    }

    /**
     * Sends the notifications WeChat Pay addresses itself (a card's {@code notify_url}, the URLs registered for the
     * orders family) to the URL this function makes of the named one instead; the identity by default. A test kit
     * uses it to reach the application under test on its test server's port whatever host its {@code notify_url}
     * names. Explicit {@link Outgoing#deliverTo(URI)} calls are not redirected. The function may throw to refuse a
     * delivery: the simulator action that caused it fails with that exception.
     */
    public void redirect(UnaryOperator<URI> redirect) {
        this.redirect = Objects.requireNonNull(redirect, "redirect");
    }

    public List<URI> notifyUrls(String mchId) {
        return List.copyOf(this.notifyUrls.getOrDefault(mchId, List.of()));
    }

    /** Gives the next {@code times} notifications sent (after earlier queued ones) one fault each. */
    public void failNext(NotificationFault fault, int times) {
        Objects.requireNonNull(fault, "fault");
        for (int i = 0; i < times; i++) {
            this.queuedFaults.add(fault);
        }
    }

    /** The delays between retries; {@code compressed(1000)} by default. An empty list: no retries. */
    public void retrySchedule(List<Duration> delays) {
        delays.forEach((delay) -> {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("retry delays must not be negative: " + delays);
            }
        });
        this.retrySchedule = List.copyOf(delays);
    }

    public List<Duration> retrySchedule() {
        return this.retrySchedule;
    }

    /** How many deliveries may be in flight at once (64 by default); the rest wait. */
    public void maxInFlight(int maxInFlight) {
        this.sender.maxInFlight(maxInFlight);
    }

    /** How long an endpoint has to answer before the attempt counts as failed; 5 s (WeChat Pay's limit) by default. */
    public void responseTimeout(Duration timeout) {
        this.sender.responseTimeout(timeout);
    }

    /** Delivers every notification held back by {@link NotificationFault#OUT_OF_ORDER} now. */
    public void releaseHeld() {
        this.held.values().forEach(SimulatedNotifications::runAll);
    }

    // ---------------------------------------------------------------- records

    /** Every attempt made so far (since {@link #clear()}), in the order answered. */
    public List<NotificationAttempt> attempts() {
        synchronized (this.attempts) {
            return List.copyOf(this.attempts);
        }
    }

    /** Every notification sent so far (since {@link #clear()}), in the order sent. */
    public List<NotificationDelivery> deliveries() {
        synchronized (this.deliveries) {
            return List.copyOf(this.deliveries);
        }
    }

    /** Forgets the records and the queued faults; registered URLs and settings stay. */
    public void clear() {
        this.attempts.clear();
        this.deliveries.clear();
        this.queuedFaults.clear();
    }

    void close() {
        this.sender.close();
    }

    // ---------------------------------------------------------------- internals

    private NotificationDelivery deliver(Outgoing outgoing, URI url, Set<NotificationFault> faults) {
        byte[] body = envelope(outgoing, faults.contains(NotificationFault.OTHER_APIV3_KEY));
        NotificationDelivery delivery = new NotificationDelivery(outgoing.id, outgoing.eventType, url, faults);
        this.deliveries.add(delivery);
        Runnable start = () -> attempt(delivery, outgoing, body, 1, Phase.DELIVERY, null);
        if (faults.contains(NotificationFault.OUT_OF_ORDER)) {
            this.held.computeIfAbsent(url, (key) -> new ConcurrentLinkedQueue<>()).add(start);
            return delivery;
        }
        // notifications held back for this URL follow this one once it is settled
        ConcurrentLinkedQueue<Runnable> waiting = this.held.get(url);
        if (waiting != null && !waiting.isEmpty()) {
            ConcurrentLinkedQueue<Runnable> followers = new ConcurrentLinkedQueue<>();
            Runnable next;
            while ((next = waiting.poll()) != null) {
                followers.add(next);
            }
            delivery.settled().whenComplete((done, error) -> runAll(followers));
        }
        start.run();
        return delivery;
    }

    /** Where a delivery is: delivering (with retries), then the duplicate, then the replay asked for. */
    private enum Phase {
        DELIVERY, DUPLICATE, REPLAY
    }

    /**
     * One attempt, then the next step.
     * @param replayOf the signed request to send again unchanged ({@link Phase#REPLAY}), or null
     */
    private void attempt(NotificationDelivery delivery, Outgoing outgoing, byte[] body, int number, Phase phase,
            @Nullable SignedNotification replayOf) {
        this.sender.submit(() -> {
            SignedNotification request;
            try {
                request = (replayOf != null) ? replayOf : sign(outgoing.id, outgoing.eventType, body,
                        delivery.faults(), outgoing.timestampSkew, outgoing.signedBy);
            }
            catch (RuntimeException ex) {
                delivery.fail(ex);
                return Mono.empty();
            }
            Instant sentAt = this.clock.instant();
            return this.sender.post(delivery.url(), request.headers(), request.body()).doOnNext((reply) -> {
                NotificationAttempt attempt = new NotificationAttempt(delivery.id(), delivery.eventType(),
                        delivery.url(), number, delivery.faults(), sentAt, reply.status(), reply.body(), reply.error());
                delivery.record(attempt);
                this.attempts.add(attempt);
                next(delivery, outgoing, body, attempt, phase, request);
            }).then();
        });
    }

    private void next(NotificationDelivery delivery, Outgoing outgoing, byte[] body, NotificationAttempt attempt,
            Phase phase, SignedNotification sent) {
        Set<NotificationFault> faults = delivery.faults();
        int number = attempt.attempt();
        if (phase == Phase.DELIVERY && !attempt.acknowledged()) {
            List<Duration> schedule = this.retrySchedule;
            if (faults.stream().anyMatch(NotificationFault::isRefusable) || number > schedule.size()) {
                delivery.settle();
                return;
            }
            Mono.delay(schedule.get(number - 1))
                .subscribe((tick) -> attempt(delivery, outgoing, body, number + 1, Phase.DELIVERY, null));
            return;
        }
        if (phase == Phase.DELIVERY && faults.contains(NotificationFault.DUPLICATE)) {
            attempt(delivery, outgoing, body, number + 1, Phase.DUPLICATE, null);
        }
        else if (phase != Phase.REPLAY && faults.contains(NotificationFault.REPLAY)) {
            // the request just acknowledged (or the duplicate), byte for byte
            attempt(delivery, outgoing, body, number + 1, Phase.REPLAY, sent);
        }
        else {
            delivery.settle();
        }
    }

    private byte[] envelope(Outgoing outgoing, boolean otherKey) {
        AeadAesGcm aead = otherKey ? new AeadAesGcm(RandomIds.alphanumeric(32)) : apiV3Key(outgoing.mchId);
        String nonce = RandomIds.alphanumeric(12);
        String associatedData = "discount_card";
        ObjectNode json = this.mapper.createObjectNode();
        json.put("id", outgoing.id);
        json.put("create_time", Times.format(Times.now(this.clock)));
        json.put("resource_type", "encrypt-resource");
        json.put("event_type", outgoing.eventType);
        json.put("summary", outgoing.summary);
        ObjectNode resource = json.putObject("resource");
        resource.put("original_type", "discount_card");
        resource.put("algorithm", "AEAD_AES_256_GCM");
        resource.put("ciphertext", aead.encrypt(associatedData, nonce,
                outgoing.resourceJson.getBytes(StandardCharsets.UTF_8)));
        resource.put("associated_data", associatedData);
        resource.put("nonce", nonce);
        return this.mapper.writeValueAsBytes(json);
    }

    private AeadAesGcm apiV3Key(String mchId) {
        MerchantRegistry.Merchant merchant = this.merchants.find(mchId).orElseThrow(() -> new IllegalStateException(
                "Merchant " + mchId + " is not registered with the simulator: register it with its APIv3 key"));
        AeadAesGcm aead = merchant.aead();
        if (aead == null) {
            throw new IllegalStateException("Merchant " + mchId + " has no APIv3 key registered: WeChat Pay sends no "
                    + "notification then; register it with registerMerchant(mchId, serial, key, apiV3Key)");
        }
        return aead;
    }

    private SignedNotification sign(String id, String eventType, byte[] body, Set<NotificationFault> faults,
            @Nullable Duration skew, SignedBy signedBy) {
        SigningKey key = switch (signedBy) {
            case DEFAULT -> this.keys.defaultKey();
            case PUBLIC_KEY -> this.keys.publicKey();
            case CERTIFICATE -> this.keys.currentCertificate();
        };
        String serial = key.id();
        RequestSigner signer = key.signer();
        if (faults.contains(NotificationFault.UNKNOWN_SERIAL)) {
            // a platform certificate serial the merchant does not hold: what the migration brings
            serial = RandomIds.upperHex(40);
            signer = stranger();
        }
        else if (faults.contains(NotificationFault.WRONG_KEY)) {
            signer = stranger();
        }
        Duration offset = (skew != null) ? skew
                : faults.contains(NotificationFault.STALE_TIMESTAMP) ? STALE_BY.negated() : Duration.ZERO;
        long timestamp = this.clock.instant().plus(offset).getEpochSecond();
        String nonce = RandomIds.alphanumeric(32);
        String signature = signer.signMessage(message(timestamp, nonce, body));
        byte[] sent = body;
        if (faults.contains(NotificationFault.PROBE_SIGNATURE)) {
            signature = ResponseVerifier.PROBE_PREFIX + Base64.getEncoder().encodeToString(RandomIds.bytes(96));
        }
        if (faults.contains(NotificationFault.TAMPERED_BODY)) {
            sent = ResponseSigner.tamper(body);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Request-ID", "SIM-NOTIFY-" + RandomIds.alphanumeric(16));
        putUnless(headers, faults, NotificationFault.MISSING_TIMESTAMP, ResponseSignature.TIMESTAMP_HEADER,
                Long.toString(timestamp));
        putUnless(headers, faults, NotificationFault.MISSING_NONCE, ResponseSignature.NONCE_HEADER, nonce);
        putUnless(headers, faults, NotificationFault.MISSING_SIGNATURE, ResponseSignature.SIGNATURE_HEADER, signature);
        putUnless(headers, faults, NotificationFault.MISSING_SERIAL, ResponseSignature.SERIAL_HEADER, serial);
        headers.put(SIGNATURE_TYPE_HEADER, RequestSigner.SCHEME);
        return new SignedNotification(id, eventType, headers, sent);
    }

    private static void putUnless(Map<String, String> headers, Set<NotificationFault> faults, NotificationFault fault,
            String name, String value) {
        if (!faults.contains(fault)) {
            headers.put(name, value);
        }
    }

    private static byte[] message(long timestamp, String nonce, byte[] body) {
        byte[] head = (timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[head.length + body.length + 1];
        System.arraycopy(head, 0, message, 0, head.length);
        System.arraycopy(body, 0, message, head.length, body.length);
        message[message.length - 1] = '\n';
        return message;
    }

    /** A key nobody knows; made on first use (RSA key generation is slow). */
    private RequestSigner stranger() {
        RequestSigner signer = this.stranger;
        if (signer == null) {
            synchronized (this) {
                signer = this.stranger;
                if (signer == null) {
                    KeyPair pair = TestMerchant.rsaKeyPair();
                    signer = new RequestSigner("stranger", "STRANGER", pair.getPrivate(), this.clock, null);
                    this.stranger = signer;
                }
            }
        }
        return signer;
    }

    private Set<NotificationFault> faults(NotificationFault... given) {
        Set<NotificationFault> set = EnumSet.noneOf(NotificationFault.class);
        for (NotificationFault fault : given) {
            set.add(Objects.requireNonNull(fault, "fault"));
        }
        return set;
    }

    private static void runAll(ConcurrentLinkedQueue<Runnable> queue) {
        Runnable next;
        while ((next = queue.poll()) != null) {
            next.run();
        }
    }

    @Override
    public String toString() {
        return "SimulatedNotifications[deliveries=" + this.deliveries.size() + ", attempts=" + this.attempts.size()
                + "]";
    }

    /** One notification being put together: options, then {@link #sign()} or {@link #deliverTo(URI)}. */
    public final class Outgoing {

        private final String mchId;

        private final String eventType;

        private final String resourceJson;

        private String id = "EV-" + RandomIds.digits(22);

        private String summary;

        private final Set<NotificationFault> faults = EnumSet.noneOf(NotificationFault.class);

        private @Nullable Duration timestampSkew;

        private SignedBy signedBy = SignedBy.DEFAULT;

        Outgoing(String mchId, String eventType, String resourceJson) {
            this.mchId = Objects.requireNonNull(mchId, "mchId");
            this.eventType = Objects.requireNonNull(eventType, "eventType");
            this.resourceJson = Objects.requireNonNull(resourceJson, "resourceJson");
            this.summary = NotificationPayloads.summary(eventType);
        }

        /** The notification id (random {@code EV-…} by default); deliveries of one id are duplicates. */
        public Outgoing id(String id) {
            this.id = Objects.requireNonNull(id, "id");
            return this;
        }

        public String id() {
            return this.id;
        }

        public Outgoing summary(String summary) {
            this.summary = Objects.requireNonNull(summary, "summary");
            return this;
        }

        /** Adds faults (to those queued by {@link SimulatedNotifications#failNext}). */
        public Outgoing faults(NotificationFault... faults) {
            this.faults.addAll(SimulatedNotifications.this.faults(faults));
            return this;
        }

        /** Moves {@code Wechatpay-Timestamp} by this much from the simulator's clock, e.g. {@code -301 s}. */
        public Outgoing timestampSkew(Duration skew) {
            this.timestampSkew = Objects.requireNonNull(skew, "skew");
            return this;
        }

        /** Which platform key signs it; {@link SignedBy#DEFAULT} by default. */
        public Outgoing signedBy(SignedBy signedBy) {
            this.signedBy = Objects.requireNonNull(signedBy, "signedBy");
            return this;
        }

        /** Encrypts and signs it once, for a test to post itself (queued faults are not consumed). */
        public SignedNotification sign() {
            byte[] body = envelope(this, this.faults.contains(NotificationFault.OTHER_APIV3_KEY));
            return SimulatedNotifications.this.sign(this.id, this.eventType, body, this.faults, this.timestampSkew,
                    this.signedBy);
        }

        /** Sends it to the URL (taking one queued fault, if any), retrying on failure; returns at once. */
        public NotificationDelivery deliverTo(URI url) {
            Set<NotificationFault> all = EnumSet.noneOf(NotificationFault.class);
            all.addAll(this.faults);
            NotificationFault queued = SimulatedNotifications.this.queuedFaults.poll();
            if (queued != null) {
                all.add(queued);
            }
            return deliver(this, Objects.requireNonNull(url, "url"), all);
        }

        /** Sends it to every URL registered for the merchant. */
        public List<NotificationDelivery> deliverToRegistered() {
            List<URI> urls = notifyUrls(this.mchId);
            if (urls.isEmpty()) {
                throw new IllegalStateException("No notify URL is registered for merchant " + this.mchId
                        + ": call registerNotifyUrl(mchId, url)");
            }
            return urls.stream().map(SimulatedNotifications.this.redirect).map(this::deliverTo).toList();
        }
    }
}
