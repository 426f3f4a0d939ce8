package io.github.discountcard.notification;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.github.discountcard.core.AeadAesGcm;
import io.github.discountcard.core.ResponseVerifier;
import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.NotificationFault;
import io.github.discountcard.test.NotificationPayloads;
import io.github.discountcard.test.SignedNotification;
import io.github.discountcard.test.TestMerchant;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The processor on its own: requests signed and encrypted by the simulator, handed over as headers and bytes.
 * The endpoint tests (autoconfigure module) send the same over HTTP.
 */
class NotificationProcessorTests {

    private static final TestMerchant merchant = TestMerchant.generate();

    private static DiscountCardSimulator simulator;

    private final ConcurrentLinkedQueue<DiscountCardNotification> handled = new ConcurrentLinkedQueue<>();

    private final AtomicInteger calls = new AtomicInteger();

    @BeforeAll
    static void simulator() {
        simulator = DiscountCardSimulator.builder().build();
        simulator.registerMerchant(merchant);
    }

    @AfterAll
    static void close() {
        simulator.close();
    }

    @BeforeEach
    void clear() {
        this.handled.clear();
        this.calls.set(0);
    }

    private NotificationProcessor processor(DiscountCardNotificationHandler... handlers) {
        return NotificationProcessor.builder()
            .verifier(new ResponseVerifier(simulator.verificationKeys()))
            .apiV3Key(new AeadAesGcm(merchant.apiV3Key()))
            .handlers(List.of(handlers))
            .build();
    }

    private DiscountCardNotificationHandler recording() {
        return (notification) -> Mono.fromRunnable(() -> {
            this.calls.incrementAndGet();
            this.handled.add(notification);
        });
    }

    private static NotificationReply process(NotificationProcessor processor, SignedNotification request) {
        HttpHeaders headers = new HttpHeaders();
        request.headers().forEach(headers::add);
        Function<String, @Nullable String> lookup = headers::getFirst;
        return processor.process(lookup, request.body()).block(Duration.ofSeconds(10));
    }

    private static SignedNotification cardEvent(String eventType, NotificationFault... faults) {
        return simulator.notifications().cardEvent(merchant.mchId(), eventType, "CARD-001", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
            .faults(faults)
            .sign();
    }

    @Test
    void userAcceptedReachesTheHandlerTypedAfterVerification() {
        NotificationProcessor processor = processor(recording());
        SignedNotification request = cardEvent(NotificationPayloads.USER_ACCEPTED);

        NotificationReply reply = process(processor, request);

        assertThat(reply.status()).isEqualTo(204);
        assertThat(this.handled).singleElement().satisfies((notification) -> {
            assertThat(notification.id()).isEqualTo(request.id());
            assertThat(notification.eventType()).isEqualTo("DISCOUNT_CARD.USER_ACCEPTED");
            assertThat(notification.is(DiscountCardEvent.USER_ACCEPTED)).isTrue();
            assertThat(notification.createTime()).isNotNull();
            assertThat(notification.summary()).isNotBlank();
            assertThat(notification.resourceJson()).contains("\"out_card_code\":\"CARD-001\"");
            CardNotificationPayload card = notification.cardPayload().orElseThrow();
            assertThat(card.outCardCode()).isEqualTo("CARD-001");
            assertThat(card.openid()).isEqualTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
            assertThat(card.state()).isEqualTo("ONGOING");
            assertThat(card.objectives()).singleElement().satisfies((objective) -> {
                assertThat(objective.objectiveId()).isEqualTo("OBJ1001");
                assertThat(objective.count()).isEqualTo(5L);
            });
            assertThat(card.rewards()).singleElement().satisfies((reward) -> assertThat(reward.amount()).isEqualTo(200L));
            assertThat(notification.toString()).doesNotContain("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
        });
    }

    @Test
    void amountsGivenAsStringsAreRead() {
        NotificationProcessor processor = processor(recording());

        assertThat(process(processor, cardEvent(NotificationPayloads.USER_PAID)).status()).isEqualTo(204);

        CardNotificationPayload card = this.handled.peek().cardPayload().orElseThrow();
        assertThat(card.totalAmount()).isEqualTo(600L);
        assertThat(card.payInformation().payAmount()).isEqualTo(600L);
        assertThat(card.payInformation().payState()).isEqualTo("PAID");
    }

    @Test
    void orderEventsCarryTheOrderPayloadWithIntegerIdsAsText() {
        simulator.createOrder("order-" + System.nanoTime());
        String outOrderNo = simulator.orders().get(simulator.orders().size() - 1).outOrderNo();
        NotificationProcessor processor = processor(recording());
        SignedNotification request = simulator.notifications()
            .notification(merchant.mchId(), NotificationPayloads.GET_CARD,
                    NotificationPayloads.getCard(simulator.order(outOrderNo).orElseThrow()))
            .sign();

        assertThat(process(processor, request).status()).isEqualTo(204);

        OrderNotificationPayload order = this.handled.peek().orderPayload().orElseThrow();
        assertThat(order.outOrderNo()).isEqualTo(outOrderNo);
        assertThat(order.cardObjectives()).singleElement()
            .satisfies((objective) -> assertThat(objective.objectiveId()).isEqualTo("1001"));
        assertThat(order.cardRewards()).singleElement()
            .satisfies((reward) -> assertThat(reward.amount()).isEqualTo(200L));
    }

    @ParameterizedTest
    @EnumSource(value = NotificationFault.class, names = { "PROBE_SIGNATURE", "STALE_TIMESTAMP", "WRONG_KEY",
            "UNKNOWN_SERIAL", "TAMPERED_BODY", "MISSING_TIMESTAMP", "MISSING_NONCE", "MISSING_SIGNATURE",
            "MISSING_SERIAL", "OTHER_APIV3_KEY" })
    void refusedWithoutCallingTheHandler(NotificationFault fault) {
        NotificationProcessor processor = processor(recording());

        NotificationReply reply = process(processor, cardEvent(NotificationPayloads.USER_ACCEPTED, fault));

        assertThat(reply.isSuccess()).isFalse();
        assertThat(reply.body()).startsWith("{\"code\":\"FAIL\",\"message\":\"");
        assertThat(this.calls).hasValue(0);
    }

    @Test
    void timestampWindowIsFiveMinutes() {
        NotificationProcessor processor = processor(recording());
        SignedNotification stale = simulator.notifications()
            .cardEvent(merchant.mchId(), NotificationPayloads.USER_ACCEPTED, "CARD-1", "oUser000001")
            .timestampSkew(Duration.ofSeconds(-301))
            .sign();
        SignedNotification fresh = simulator.notifications()
            .cardEvent(merchant.mchId(), NotificationPayloads.USER_ACCEPTED, "CARD-2", "oUser000002")
            .timestampSkew(Duration.ofSeconds(-299))
            .sign();

        assertThat(process(processor, stale).status()).isEqualTo(401);
        assertThat(process(processor, fresh).status()).isEqualTo(204);
        assertThat(this.calls).hasValue(1);
    }

    @Test
    void malformedEnvelopeAfterAValidSignatureIs400() {
        NotificationProcessor processor = processor(recording());

        NotificationReply notJson = process(processor, simulator.notifications().signRaw("x", "{not json".getBytes()));
        NotificationReply noResource = process(processor,
                simulator.notifications().signRaw("x", "{\"id\":\"EV-1\",\"event_type\":\"X\"}".getBytes()));

        assertThat(notJson.status()).isEqualTo(400);
        assertThat(noResource.status()).isEqualTo(400);
        assertThat(this.calls).hasValue(0);
    }

    @Test
    void oversizeBodyIsRefusedBeforeVerification() {
        NotificationProcessor processor = NotificationProcessor.builder()
            .verifier(new ResponseVerifier(simulator.verificationKeys()))
            .apiV3Key(new AeadAesGcm(merchant.apiV3Key()))
            .handler(recording())
            .maxBodyBytes(1024)
            .build();
        SignedNotification big = simulator.notifications()
            .notification(merchant.mchId(), NotificationPayloads.USER_ACCEPTED, "{\"pad\":\"" + "x".repeat(2000) + "\"}")
            .sign();

        assertThat(process(processor, big).status()).isEqualTo(413);
        assertThat(this.calls).hasValue(0);
    }

    @Test
    void duplicateAfterSuccessIsAcknowledgedWithoutSecondCall() {
        NotificationProcessor processor = processor(recording());
        var outgoing = simulator.notifications()
            .cardEvent(merchant.mchId(), NotificationPayloads.AGREEMENT_ENDED, "CARD-9", "oUser000009");

        assertThat(process(processor, outgoing.sign()).status()).isEqualTo(204);
        assertThat(process(processor, outgoing.sign()).status()).isEqualTo(204);

        assertThat(this.calls).hasValue(1);
    }

    @Test
    void replayedRequestIsNeverHandledTwice() {
        NotificationProcessor processor = processor(recording());
        SignedNotification request = cardEvent(NotificationPayloads.USER_ACCEPTED);

        assertThat(process(processor, request).status()).isEqualTo(204);
        assertThat(process(processor, request).status()).isEqualTo(204);

        assertThat(this.calls).hasValue(1);
    }

    @Test
    void failingHandlerGetsAFailureReplyAndTheRetryIsHandled() {
        AtomicInteger attempts = new AtomicInteger();
        NotificationProcessor processor = processor((notification) -> (attempts.incrementAndGet() == 1)
                ? Mono.error(new IllegalStateException("database down at jdbc:secret-host"))
                : Mono.fromRunnable(() -> this.calls.incrementAndGet()));
        var outgoing = simulator.notifications()
            .cardEvent(merchant.mchId(), NotificationPayloads.USER_PAID, "CARD-3", "oUser000003");

        NotificationReply failed = process(processor, outgoing.sign());
        NotificationReply retried = process(processor, outgoing.sign());
        NotificationReply duplicate = process(processor, outgoing.sign());

        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.body()).isEqualTo("{\"code\":\"FAIL\",\"message\":\"not handled\"}");
        assertThat(retried.status()).isEqualTo(204);
        assertThat(duplicate.status()).isEqualTo(204);
        assertThat(attempts).hasValue(2);
        assertThat(this.calls).hasValue(1);
    }

    @Test
    void handlerStillRunningAfterTheReplyBudgetGetsAFailure() {
        NotificationProcessor processor = NotificationProcessor.builder()
            .verifier(new ResponseVerifier(simulator.verificationKeys()))
            .apiV3Key(new AeadAesGcm(merchant.apiV3Key()))
            .handler((notification) -> Mono.never())
            .replyBudget(Duration.ofMillis(100))
            .build();

        NotificationReply reply = process(processor, cardEvent(NotificationPayloads.USER_ACCEPTED));

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.body()).contains("FAIL");
    }

    @Test
    void eventNoHandlerTakesIsAcknowledged() {
        NotificationProcessor processor = processor(
                DiscountCardNotificationHandler.on(DiscountCardEvent.SETTLEMENT, (notification) -> Mono.fromRunnable(
                        this.calls::incrementAndGet)));
        SignedNotification unknown = simulator.notifications()
            .notification(merchant.mchId(), "DISCOUNT_CARD.SOMETHING_NEW", "{\"x\":1}")
            .sign();

        assertThat(process(processor, unknown).status()).isEqualTo(204);
        assertThat(process(processor, cardEvent(NotificationPayloads.USER_ACCEPTED)).status()).isEqualTo(204);
        assertThat(this.calls).hasValue(0);
    }

    @Test
    void unknownEventTypesReachCatchAllHandlersWithTheirJson() {
        NotificationProcessor processor = processor(recording());
        SignedNotification unknown = simulator.notifications()
            .notification(merchant.mchId(), "DISCOUNT_CARD.SOMETHING_NEW", "{\"x\":1}")
            .sign();

        assertThat(process(processor, unknown).status()).isEqualTo(204);
        assertThat(this.handled).singleElement().satisfies((notification) -> {
            assertThat(notification.event()).isEmpty();
            assertThat(notification.payload()).isEmpty();
            assertThat(notification.resourceJson()).isEqualTo("{\"x\":1}");
        });
    }

    @Test
    void concurrentDeliveriesOfOneIdCallTheHandlerOnce() {
        NotificationProcessor processor = processor((notification) -> Mono.delay(Duration.ofMillis(50))
            .doOnNext((tick) -> this.calls.incrementAndGet())
            .then());
        var outgoing = simulator.notifications()
            .cardEvent(merchant.mchId(), NotificationPayloads.USER_ACCEPTED, "CARD-20", "oUser000020");
        List<SignedNotification> requests = Flux.range(0, 20).map((i) -> outgoing.sign()).collectList().block();

        List<NotificationReply> replies = Flux.fromIterable(requests)
            .flatMap((request) -> Mono.fromCallable(() -> process(processor, request))
                .subscribeOn(Schedulers.boundedElastic()), 20)
            .collectList()
            .block(Duration.ofSeconds(30));

        assertThat(this.calls).hasValue(1);
        // the first and those that shared it are acknowledged; any that met the record mid-way get a retryable failure
        assertThat(replies).extracting(NotificationReply::status).allMatch((status) -> status == 204 || status == 503);
        assertThat(process(processor, outgoing.sign()).status()).isEqualTo(204);
        assertThat(this.calls).hasValue(1);
    }

    @Test
    void oneObservationPerDeliveryWithOutcomeAndReason() {
        TestObservationRegistry registry = TestObservationRegistry.create();
        NotificationProcessor processor = NotificationProcessor.builder()
            .verifier(new ResponseVerifier(simulator.verificationKeys()))
            .apiV3Key(new AeadAesGcm(merchant.apiV3Key()))
            .handler(recording())
            .observationRegistry(registry)
            .build();

        process(processor, cardEvent(NotificationPayloads.USER_ACCEPTED));
        process(processor, cardEvent(NotificationPayloads.USER_ACCEPTED, NotificationFault.PROBE_SIGNATURE));

        TestObservationRegistryAssert.assertThat(registry)
            .hasNumberOfObservationsWithNameEqualTo("wechatpay.discountcard.notifications", 2)
            .hasAnObservationWithAKeyValue("outcome", "HANDLED")
            .hasAnObservationWithAKeyValue("event.type", "DISCOUNT_CARD.USER_ACCEPTED")
            .hasAnObservationWithAKeyValue("outcome", "REJECTED_SIGNATURE")
            .hasAnObservationWithAKeyValue("reason", "SIGNATURE_PROBE");
    }

    @Test
    void idempotencyRecordIsBounded() {
        InMemoryNotificationIdempotencyStore store = new InMemoryNotificationIdempotencyStore(3, Duration.ofHours(1),
                java.time.Clock.systemUTC());
        for (int i = 0; i < 10; i++) {
            store.put("k" + i, "v");
        }
        assertThat(store.size()).isEqualTo(3);
        assertThat(store.get("k9")).isEqualTo("v");
        assertThat(store.get("k0")).isNull();
    }
}
