package io.github.discountcard.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.github.discountcard.core.AeadAesGcm;
import io.github.discountcard.core.ResponseSignature;
import io.github.discountcard.core.ResponseVerifier;
import io.github.discountcard.core.SignatureVerificationException;
import io.github.discountcard.core.VerificationFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The simulator's notification delivery against a bare loopback endpoint that records what arrives. */
class SimulatorNotificationTest {

    static final TestMerchant MERCHANT = TestMerchant.generate("1900000109");

    static final JsonMapper JSON = JsonMapper.builder().build();

    static DiscountCardSimulator simulator;

    static DisposableServer endpoint;

    static final Queue<Received> received = new ConcurrentLinkedQueue<>();

    /** What the endpoint answers, by arrival number (1-based). */
    static volatile Function<Integer, Integer> status = (n) -> 204;

    static final AtomicInteger arrivals = new AtomicInteger();

    record Received(Map<String, String> headers, byte[] body) {
    }

    @BeforeAll
    static void start() {
        simulator = DiscountCardSimulator.builder().mode(SigningMode.MIXED).build().start();
        simulator.registerMerchant(MERCHANT);
        endpoint = HttpServer.create().host("127.0.0.1").port(0).route((routes) -> routes.post("/notify",
                (request, response) -> request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0])
                    .flatMap((body) -> {
                        Map<String, String> headers = new java.util.HashMap<>();
                        request.requestHeaders().forEach((entry) -> headers.put(entry.getKey(), entry.getValue()));
                        received.add(new Received(headers, body));
                        int code = status.apply(arrivals.incrementAndGet());
                        return response.status(code).send().then();
                    })))
            .bindNow();
    }

    @AfterAll
    static void stop() {
        endpoint.disposeNow();
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.reset();
        simulator.notifications().retrySchedule(SimulatedNotifications.compressed(1000));
        received.clear();
        arrivals.set(0);
        status = (n) -> 204;
    }

    static URI url() {
        return URI.create("http://127.0.0.1:" + endpoint.port() + "/notify");
    }

    static String headerOf(Received request, String name) {
        return request.headers().entrySet().stream().filter((e) -> e.getKey().equalsIgnoreCase(name))
            .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    static ResponseSignature signature(Received request) {
        return ResponseSignature.from((name) -> headerOf(request, name));
    }

    @Test
    void signedByThePlatformKeyAndEncryptedWithTheApiV3Key() {
        String resource = NotificationPayloads.card(NotificationPayloads.USER_ACCEPTED, MERCHANT.mchId(), "C-1",
                "oUser0001", simulator.clock());
        NotificationDelivery delivery = simulator.notifications()
            .notification(MERCHANT.mchId(), NotificationPayloads.USER_ACCEPTED, resource)
            .deliverTo(url())
            .awaitSettled(Duration.ofSeconds(10));

        assertThat(delivery.attempts()).singleElement().satisfies((attempt) -> assertThat(attempt.status()).isEqualTo(204));
        Received request = received.peek();
        new ResponseVerifier(simulator.verificationKeys()).verify(signature(request), request.body());
        assertThat(headerOf(request, "Wechatpay-Signature-Type")).isEqualTo("WECHATPAY2-SHA256-RSA2048");
        assertThat(headerOf(request, "Request-ID")).isNotBlank();
        JsonNode envelope = JSON.readTree(request.body());
        assertThat(envelope.get("id").asString()).isEqualTo(delivery.id());
        assertThat(envelope.get("event_type").asString()).isEqualTo(NotificationPayloads.USER_ACCEPTED);
        assertThat(envelope.get("resource_type").asString()).isEqualTo("encrypt-resource");
        JsonNode encrypted = envelope.get("resource");
        assertThat(encrypted.get("algorithm").asString()).isEqualTo("AEAD_AES_256_GCM");
        String plaintext = new AeadAesGcm(MERCHANT.apiV3Key()).decryptToString(
                encrypted.get("associated_data").asString(), encrypted.get("nonce").asString(),
                encrypted.get("ciphertext").asString());
        assertThat(plaintext).isEqualTo(resource);
        assertThat(new String(request.body(), StandardCharsets.UTF_8)).doesNotContain("oUser0001");
    }

    @Test
    void failedDeliveriesAreRetriedOnTheCompressedScheduleAndRecorded() {
        status = (n) -> (n <= 3) ? 500 : 204;

        NotificationDelivery delivery = simulator.notifications()
            .cardEvent(MERCHANT.mchId(), NotificationPayloads.USER_PAID, "C-2", "oUser0002")
            .deliverTo(url())
            .awaitSettled(Duration.ofSeconds(10));

        assertThat(delivery.attempts()).extracting(NotificationAttempt::status).containsExactly(500, 500, 500, 204);
        assertThat(delivery.attempts()).extracting(NotificationAttempt::attempt).containsExactly(1, 2, 3, 4);
        assertThat(simulator.notifications().attempts()).hasSize(4);
        // every attempt signed afresh: four nonces
        assertThat(received).extracting((request) -> signature(request).nonce()).doesNotHaveDuplicates();
        assertThat(received).extracting((request) -> new String(request.body(), StandardCharsets.UTF_8))
            .containsOnly(new String(received.peek().body(), StandardCharsets.UTF_8));
    }

    @Test
    void retriesStopAfterTheScheduleRunsOut() {
        status = (n) -> 503;
        simulator.notifications().retrySchedule(List.of(Duration.ZERO, Duration.ZERO));

        NotificationDelivery delivery = simulator.notifications()
            .cardEvent(MERCHANT.mchId(), NotificationPayloads.USER_PAID, "C-3", "oUser0003")
            .deliverTo(url())
            .awaitSettled(Duration.ofSeconds(10));

        assertThat(delivery.attempts()).hasSize(3);
        assertThat(delivery.acknowledged()).isFalse();
    }

    @Test
    void faultsBreakWhatTheyName() {
        ResponseVerifier verifier = new ResponseVerifier(simulator.verificationKeys());
        Map<NotificationFault, VerificationFailure> expected = Map.of(NotificationFault.PROBE_SIGNATURE,
                VerificationFailure.SIGNATURE_PROBE, NotificationFault.STALE_TIMESTAMP,
                VerificationFailure.EXPIRED_TIMESTAMP, NotificationFault.WRONG_KEY, VerificationFailure.BAD_SIGNATURE,
                NotificationFault.UNKNOWN_SERIAL, VerificationFailure.UNKNOWN_SERIAL, NotificationFault.TAMPERED_BODY,
                VerificationFailure.BAD_SIGNATURE, NotificationFault.MISSING_NONCE, VerificationFailure.MISSING_HEADER);
        expected.forEach((fault, failure) -> {
            SignedNotification request = simulator.notifications()
                .cardEvent(MERCHANT.mchId(), NotificationPayloads.USER_ACCEPTED, "C-4", "oUser0004")
                .faults(fault)
                .sign();
            assertThatThrownBy(() -> verifier.verify(ResponseSignature.from(request.headers()::get), request.body()))
                .as("%s", fault)
                .isInstanceOfSatisfying(SignatureVerificationException.class,
                        (ex) -> assertThat(ex.reason()).isEqualTo(failure));
        });
    }

    @Test
    void refusableFaultsAreSentOnceAndDuplicatesAfterSuccess() {
        status = (n) -> (n == 1) ? 401 : 204;
        NotificationDelivery probe = simulator.notifications()
            .cardEvent(MERCHANT.mchId(), NotificationPayloads.USER_ACCEPTED, "C-5", "oUser0005")
            .faults(NotificationFault.PROBE_SIGNATURE)
            .deliverTo(url())
            .awaitSettled(Duration.ofSeconds(10));
        NotificationDelivery duplicated = simulator.notifications()
            .cardEvent(MERCHANT.mchId(), NotificationPayloads.USER_ACCEPTED, "C-6", "oUser0006")
            .faults(NotificationFault.DUPLICATE, NotificationFault.REPLAY)
            .deliverTo(url())
            .awaitSettled(Duration.ofSeconds(10));

        assertThat(probe.attempts()).hasSize(1);
        assertThat(duplicated.attempts()).extracting(NotificationAttempt::status).containsExactly(204, 204, 204);
        List<Received> all = List.copyOf(received);
        // the duplicate is signed afresh; the replay is the very request before it
        assertThat(signature(all.get(2)).nonce()).isNotEqualTo(signature(all.get(1)).nonce());
        assertThat(signature(all.get(3))).isEqualTo(signature(all.get(2)));
    }

    @Test
    void outOfOrderIsHeldUntilTheNextOneIsDelivered() {
        NotificationDelivery first = simulator.notifications()
            .cardEvent(MERCHANT.mchId(), NotificationPayloads.USER_ACCEPTED, "C-7", "oUser0007")
            .faults(NotificationFault.OUT_OF_ORDER)
            .deliverTo(url());
        NotificationDelivery second = simulator.notifications()
            .cardEvent(MERCHANT.mchId(), NotificationPayloads.AGREEMENT_ENDED, "C-7", "oUser0007")
            .deliverTo(url());

        second.awaitSettled(Duration.ofSeconds(10));
        first.awaitSettled(Duration.ofSeconds(10));

        assertThat(received).extracting((request) -> JSON.readTree(request.body()).get("id").asString())
            .containsExactly(second.id(), first.id());
    }

    @Test
    void signedByTheChosenKeyInMixedMode() {
        SignedNotification byCertificate = simulator.notifications()
            .cardEvent(MERCHANT.mchId(), NotificationPayloads.USER_ACCEPTED, "C-8", "oUser0008")
            .signedBy(SimulatedNotifications.SignedBy.CERTIFICATE)
            .sign();
        SignedNotification byPublicKey = simulator.notifications()
            .cardEvent(MERCHANT.mchId(), NotificationPayloads.USER_ACCEPTED, "C-8", "oUser0008")
            .signedBy(SimulatedNotifications.SignedBy.PUBLIC_KEY)
            .sign();

        assertThat(byCertificate.headers().get("Wechatpay-Serial"))
            .isEqualTo(io.github.discountcard.core.PemKeys.serialNumber(simulator.platformCertificate()));
        assertThat(byPublicKey.headers().get("Wechatpay-Serial")).isEqualTo(simulator.platformPublicKeyId());
    }

    @Test
    void noNotificationWithoutTheMerchantsApiV3Key() {
        simulator.registerMerchant("1900000999", "ABC", MERCHANT.publicKey());

        assertThatThrownBy(() -> simulator.notifications()
            .cardEvent("1900000999", NotificationPayloads.USER_ACCEPTED, "C-9", "oUser0009")
            .sign()).isInstanceOf(IllegalStateException.class).hasMessageContaining("APIv3 key");
    }

    @Test
    void ordersFamilyGoesToRegisteredUrls() {
        simulator.createOrder("NOTIFY-ORDER-" + System.nanoTime());
        String outOrderNo = simulator.orders().get(simulator.orders().size() - 1).outOrderNo();
        simulator.notifications().registerNotifyUrl(MERCHANT.mchId(), url());

        List<NotificationDelivery> deliveries = simulator.notifications()
            .orderEvent(MERCHANT.mchId(), NotificationPayloads.SETTLEMENT, outOrderNo);

        assertThat(deliveries).singleElement()
            .satisfies((delivery) -> assertThat(delivery.awaitSettled(Duration.ofSeconds(10)).acknowledged()).isTrue());
        assertThat(received).hasSize(1);
    }
}
