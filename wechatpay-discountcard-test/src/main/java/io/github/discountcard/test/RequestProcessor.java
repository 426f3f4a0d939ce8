package io.github.discountcard.test;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import io.github.discountcard.core.AeadAesGcm;
import io.github.discountcard.core.ResponseSignature;
import org.jspecify.annotations.Nullable;

/**
 * Decides the answer to one request, independent of the HTTP server: takes the request's fault, matches the route,
 * requires a User-Agent, authenticates, runs the endpoint, then signs the answer (every answer, errors included)
 * and records the request.
 */
final class RequestProcessor {

    static final String REQUEST_ID_HEADER = "Request-ID";

    private static final String CERTIFICATE_AAD = "certificate";

    private static final int NO_CONTENT = 204;

    private final FaultSchedule faults;

    private final RequestAuthenticator authenticator;

    private final PlatformKeys platformKeys;

    private final ResponseSigner responseSigner;

    private final OrderStore orders;

    private final SimulatorJson json;

    private final UpdateRequestParser parser;

    private final RequestLog log;

    private final CardEndpoints cards;

    private final String requestIdPrefix = RandomIds.upperHex(16);

    private final AtomicLong requestSequence = new AtomicLong();

    RequestProcessor(FaultSchedule faults, RequestAuthenticator authenticator, PlatformKeys platformKeys,
            Clock clock, OrderStore orders, CardStore cards, SimulatorJson json, RequestLog log) {
        this.faults = faults;
        this.authenticator = authenticator;
        this.platformKeys = platformKeys;
        this.responseSigner = new ResponseSigner(platformKeys, clock);
        this.orders = orders;
        this.json = json;
        this.parser = new UpdateRequestParser(json.mapper());
        this.log = log;
        this.cards = new CardEndpoints(cards, json.mapper());
    }

    Outcome process(IncomingRequest request) {
        Outcome outcome = decide(request, this.faults.next());
        this.log.record(new ReceivedRequest(request.method(), request.rawTarget(), request.headers(), request.body(),
                outcome.status()));
        return outcome;
    }

    private Outcome decide(IncomingRequest request, @Nullable Fault fault) {
        if (fault == Fault.CONNECTION_RESET) {
            return Outcome.reset();
        }
        Reply reply;
        if (fault == Fault.SERVER_ERROR) {
            reply = Reply.error(new ApiException(500, "SYSTEM_ERROR", "System error (simulated fault)"), this.json);
        }
        else if (fault == Fault.TOO_MANY_REQUESTS) {
            reply = Reply.error(new ApiException(429, "FREQUENCY_LIMITED",
                    "Frequency limit exceeded, please retry later (simulated fault)"), this.json)
                .withHeader("Retry-After", "1");
        }
        else {
            reply = handle(request);
        }
        if (fault == Fault.CONNECTION_RESET_AFTER_APPLY) {
            return Outcome.reset();
        }
        ResponseSigner.SignedBody signed = this.responseSigner.sign(request.header(ResponseSignature.SERIAL_HEADER),
                reply.body(), fault);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(REQUEST_ID_HEADER, nextRequestId());
        if (reply.status() != NO_CONTENT) {
            headers.put("Content-Type", "application/json; charset=utf-8");
        }
        headers.putAll(signed.headers());
        headers.putAll(reply.headers());
        return new Outcome(reply.status(), headers, signed.body(), false);
    }

    private Reply handle(IncomingRequest request) {
        try {
            Route route = Route.match(request.method(), request.rawTarget());
            String userAgent = request.header("User-Agent");
            if (userAgent == null || userAgent.isBlank()) {
                throw new ApiException(400, "INVALID_REQUEST", "The User-Agent header is required");
            }
            MerchantRegistry.Merchant merchant = this.authenticator.authenticate(request.method(),
                    request.rawTarget(), request.header("Authorization"), request.body());
            return switch (route.kind()) {
                case UPDATE_ORDER -> updateOrder(route.parameter(), request.body());
                case QUERY_ORDER -> Reply.ok(this.json.order(this.orders.find(route.parameter())
                    .orElseThrow(() -> orderNotExist("out_order_no", route.parameter()))));
                case QUERY_BY_OUT_TRADE_NO -> Reply.ok(this.json.order(this.orders.findByOutTradeNo(route.parameter())
                    .orElseThrow(() -> orderNotExist("out_trade_no", route.parameter()))));
                case CERTIFICATES -> certificates(merchant);
                case PREPARE_CARD -> Reply.ok(this.cards.prepare(merchant.mchId(), request.body()));
                case ADD_USER_RECORDS -> {
                    this.cards.addUserRecords(merchant.mchId(), route.parameter(), request.body());
                    yield Reply.noContent();
                }
                case QUERY_CARD -> Reply.ok(this.cards.query(merchant.mchId(), route.parameter()));
            };
        }
        catch (ApiException ex) {
            return Reply.error(ex, this.json);
        }
        catch (RuntimeException ex) {
            return Reply.error(new ApiException(500, "SYSTEM_ERROR", "The simulator failed: " + ex), this.json);
        }
    }

    private Reply updateOrder(String outOrderNo, byte[] body) {
        OrderUpdate update = this.parser.parse(body);
        SimulatedOrder order = this.orders.apply(outOrderNo, update)
            .orElseThrow(() -> orderNotExist("out_order_no", outOrderNo));
        return Reply.ok(this.json.updated(order));
    }

    private Reply certificates(MerchantRegistry.Merchant merchant) {
        if (this.platformKeys.mode() == SigningMode.PUBLIC_KEY) {
            throw ApiException.resourceNotExists("This merchant uses a WeChat Pay public key: there are no platform "
                    + "certificates (simulator in PUBLIC_KEY mode)");
        }
        AeadAesGcm aead = merchant.aead();
        if (aead == null) {
            throw new ApiException(403, "NO_AUTH", "The simulator has no APIv3 key for mchid " + merchant.mchId()
                    + ": register it with registerMerchant(mchId, serialNumber, publicKey, apiV3Key)");
        }
        List<SimulatorJson.EncryptedCertificate> entries = new ArrayList<>();
        for (SigningKey key : this.platformKeys.listedCertificates()) {
            X509Certificate certificate = Objects.requireNonNull(key.certificate());
            String nonce = RandomIds.alphanumeric(12);
            String ciphertext = aead.encrypt(CERTIFICATE_AAD, nonce,
                    PemWriter.certificate(certificate).getBytes(StandardCharsets.UTF_8));
            entries.add(new SimulatorJson.EncryptedCertificate(key.id(),
                    Times.formatSeconds(certificate.getNotBefore().toInstant()),
                    Times.formatSeconds(certificate.getNotAfter().toInstant()), nonce, CERTIFICATE_AAD, ciphertext));
        }
        return Reply.ok(this.json.certificates(entries));
    }

    private static ApiException orderNotExist(String field, String value) {
        // the documented code of the orders family (spec §2.4)
        return ApiException.resourceNotExists("No discount card order with " + field + " "
                + AuthorizationHeader.printable(value));
    }

    private String nextRequestId() {
        return this.requestIdPrefix + String.format("%012X", this.requestSequence.incrementAndGet());
    }

    /** An unsigned answer. */
    private record Reply(int status, byte[] body, Map<String, String> headers) {

        static Reply ok(byte[] body) {
            return new Reply(200, body, Map.of());
        }

        /** 204 with an empty body, still signed (over an empty body line). */
        static Reply noContent() {
            return new Reply(NO_CONTENT, new byte[0], Map.of());
        }

        static Reply error(ApiException ex, SimulatorJson json) {
            return new Reply(ex.status(), json.error(ex.code(), String.valueOf(ex.getMessage()), ex.detail()),
                    Map.of());
        }

        Reply withHeader(String name, String value) {
            Map<String, String> headers = new LinkedHashMap<>(this.headers);
            headers.put(name, value);
            return new Reply(this.status, this.body, Map.copyOf(headers));
        }
    }
}
