package io.github.discountcard.autoconfigure.endpoint;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.discountcard.autoconfigure.endpoint.NotificationTestApp.RecordingHandler;
import io.github.discountcard.autoconfigure.endpoint.NotificationTestApp.Stack;
import io.github.discountcard.client.DiscountCardClient;
import io.github.discountcard.client.model.AddUserRecordsRequest;
import io.github.discountcard.client.model.PrepareCardRequest;
import io.github.discountcard.client.model.RecordType;
import io.github.discountcard.client.model.RewardUsageRecord;
import io.github.discountcard.notification.CardNotificationPayload;
import io.github.discountcard.notification.DiscountCardEvent;
import io.github.discountcard.notification.DiscountCardNotification;
import io.github.discountcard.notification.OrderNotificationPayload;
import io.github.discountcard.test.CardTemplate;
import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.NotificationAttempt;
import io.github.discountcard.test.NotificationDelivery;
import io.github.discountcard.test.NotificationFault;
import io.github.discountcard.test.NotificationPayloads;
import io.github.discountcard.test.SignedNotification;
import io.github.discountcard.test.SimulatedCard;
import io.github.discountcard.test.SimulatedNotifications;
import io.github.discountcard.test.SimulatedOrder;
import io.github.discountcard.test.TestMerchant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import io.netty.buffer.Unpooled;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint over real HTTP on loopback, in a WebFlux and in a Spring MVC application, fed by the simulator's
 * signed and encrypted notifications.
 */
class NotificationEndpointTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final TestMerchant merchant = TestMerchant.generate();

    private static DiscountCardSimulator simulator;

    private static final Map<Stack, ConfigurableApplicationContext> apps = new EnumMap<>(Stack.class);

    @BeforeAll
    static void start() {
        simulator = DiscountCardSimulator.builder().build().start();
        simulator.registerMerchant(merchant);
        for (Stack stack : Stack.values()) {
            apps.put(stack, NotificationTestApp.start(stack, NotificationTestApp.properties(simulator, merchant)));
        }
    }

    @AfterAll
    static void stop() {
        apps.values().forEach(ConfigurableApplicationContext::close);
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.reset();
        simulator.notifications().retrySchedule(SimulatedNotifications.compressed(1000));
        apps.values().forEach((app) -> app.getBean(RecordingHandler.class).reset());
    }

    private static RecordingHandler handler(Stack stack) {
        return apps.get(stack).getBean(RecordingHandler.class);
    }

    private static URI url(Stack stack) {
        return NotificationTestApp.endpoint(apps.get(stack));
    }

    private static SimulatedNotifications.Outgoing cardEvent(String eventType) {
        return simulator.notifications().cardEvent(merchant.mchId(), eventType, "CARD-" + System.nanoTime(),
                "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void theFiveEventsArriveTyped(Stack stack) {
        SimulatedOrder order = simulator.createOrder("ORDER-" + stack + "-" + System.nanoTime());
        List<NotificationDelivery> deliveries = new ArrayList<>();
        for (String event : List.of(NotificationPayloads.USER_ACCEPTED, NotificationPayloads.AGREEMENT_ENDED,
                NotificationPayloads.USER_PAID)) {
            deliveries.add(cardEvent(event).deliverTo(url(stack)));
        }
        deliveries.add(simulator.notifications()
            .notification(merchant.mchId(), NotificationPayloads.GET_CARD, NotificationPayloads.getCard(order))
            .deliverTo(url(stack)));
        deliveries.add(simulator.notifications()
            .notification(merchant.mchId(), NotificationPayloads.SETTLEMENT, NotificationPayloads.settlement(order))
            .deliverTo(url(stack)));

        deliveries.forEach((delivery) -> {
            delivery.awaitSettled(WAIT);
            assertThat(delivery.attempts()).singleElement()
                .satisfies((attempt) -> assertThat(attempt.status()).isEqualTo(204));
        });

        Map<DiscountCardEvent, DiscountCardNotification> byEvent = new EnumMap<>(DiscountCardEvent.class);
        handler(stack).handled.forEach((notification) -> byEvent.put(notification.event().orElseThrow(), notification));
        assertThat(byEvent).containsOnlyKeys(DiscountCardEvent.values());
        CardNotificationPayload accepted = byEvent.get(DiscountCardEvent.USER_ACCEPTED).cardPayload().orElseThrow();
        assertThat(accepted.objectives()).extracting(CardNotificationPayload.Objective::objectiveId)
            .containsExactly("OBJ1001");
        assertThat(accepted.state()).isEqualTo("ONGOING");
        CardNotificationPayload ended = byEvent.get(DiscountCardEvent.AGREEMENT_ENDED).cardPayload().orElseThrow();
        assertThat(ended.unfinishedReason()).isEqualTo("EARLY_QUIT");
        assertThat(ended.rewards().get(0).usageRecords()).hasSize(1);
        CardNotificationPayload paid = byEvent.get(DiscountCardEvent.USER_PAID).cardPayload().orElseThrow();
        assertThat(paid.payInformation().payAmount()).isEqualTo(600L);
        OrderNotificationPayload getCard = byEvent.get(DiscountCardEvent.GET_CARD).orderPayload().orElseThrow();
        assertThat(getCard.outOrderNo()).isEqualTo(order.outOrderNo());
        assertThat(getCard.cardRewards()).hasSize(1);
        OrderNotificationPayload settlement = byEvent.get(DiscountCardEvent.SETTLEMENT).orderPayload().orElseThrow();
        assertThat(settlement.orderId()).isEqualTo(order.orderId());
        assertThat(settlement.state()).isEqualTo(order.state());
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void theCardLifecycleNotifiesTheNotifyUrl(Stack stack) {
        String template = "TEMPLATE-LIFE-" + stack;
        simulator.registerCardTemplate(CardTemplate.sample(template));
        String code = "LIFE-" + stack + "-" + (System.nanoTime() % 1_000_000);
        DiscountCardClient client = apps.get(stack).getBean(DiscountCardClient.class);
        client.prepareCard(PrepareCardRequest.builder().outCardCode(code).cardTemplateId(template)
            .appid("wxd678efh567hg6787").notifyUrl(url(stack).toString()).build()).block(WAIT);

        SimulatedCard claimed = simulator.claimCard(code);
        client.addUserRecords(code, AddUserRecordsRequest.builder().cardTemplateId(template)
            .rewardUsageRecord(RewardUsageRecord.builder().rewardUsageSerialNo("U-" + code)
                .rewardId(claimed.rewards().get(0).rewardId()).usageTime(java.time.OffsetDateTime.now())
                .usageType(RecordType.INCREASE).description("5 yuan off").usageCount(1).amount(500).build())
            .build()).block(WAIT);
        simulator.endCardUnfinished(code, "EARLY_QUIT");
        simulator.payCardChargeBack(code);
        simulator.notifications().deliveries().forEach((delivery) -> delivery.awaitSettled(WAIT));

        assertThat(simulator.notifications().deliveries()).extracting(NotificationDelivery::eventType).containsExactly(
                NotificationPayloads.USER_ACCEPTED, NotificationPayloads.AGREEMENT_ENDED, NotificationPayloads.USER_PAID);
        assertThat(simulator.notifications().deliveries()).allMatch(NotificationDelivery::acknowledged);
        // delivered concurrently, as WeChat Pay may: they arrive in any order
        Map<DiscountCardEvent, CardNotificationPayload> handled = new EnumMap<>(DiscountCardEvent.class);
        handler(stack).handled.forEach((n) -> handled.put(n.event().orElseThrow(), n.cardPayload().orElseThrow()));
        assertThat(handled).containsOnlyKeys(DiscountCardEvent.USER_ACCEPTED, DiscountCardEvent.AGREEMENT_ENDED,
                DiscountCardEvent.USER_PAID);
        assertThat(handled.values()).extracting(CardNotificationPayload::outCardCode).containsOnly(code);
        CardNotificationPayload accepted = handled.get(DiscountCardEvent.USER_ACCEPTED);
        assertThat(accepted.state()).isEqualTo("ONGOING");
        assertThat(accepted.objectives()).extracting(CardNotificationPayload.Objective::objectiveId)
            .containsExactlyElementsOf(claimed.objectives().stream().map(SimulatedCard.Objective::objectiveId).toList());
        CardNotificationPayload ended = handled.get(DiscountCardEvent.AGREEMENT_ENDED);
        assertThat(ended.state()).isEqualTo("UNFINISHED");
        assertThat(ended.unfinishedReason()).isEqualTo("EARLY_QUIT");
        assertThat(ended.totalAmount()).isEqualTo(500L);
        assertThat(ended.rewards().get(0).usageRecords()).hasSize(1);
        CardNotificationPayload paid = handled.get(DiscountCardEvent.USER_PAID);
        assertThat(paid.payInformation().payState()).isEqualTo("PAID");
        assertThat(paid.payInformation().payAmount()).isEqualTo(500L);
    }

    static Stream<Arguments> refusals() {
        List<NotificationFault> faults = List.of(NotificationFault.TAMPERED_BODY, NotificationFault.WRONG_KEY,
                NotificationFault.UNKNOWN_SERIAL, NotificationFault.MISSING_TIMESTAMP, NotificationFault.MISSING_NONCE,
                NotificationFault.MISSING_SIGNATURE, NotificationFault.MISSING_SERIAL, NotificationFault.STALE_TIMESTAMP,
                NotificationFault.PROBE_SIGNATURE, NotificationFault.OTHER_APIV3_KEY);
        return Stream.of(Stack.values())
            .flatMap((stack) -> faults.stream().map((fault) -> Arguments.of(stack, fault)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("refusals")
    void refusedAndNeverHandled(Stack stack, NotificationFault fault) {
        NotificationDelivery delivery = cardEvent(NotificationPayloads.USER_ACCEPTED).faults(fault)
            .deliverTo(url(stack))
            .awaitSettled(WAIT);

        assertThat(delivery.attempts()).singleElement().satisfies((attempt) -> {
            assertThat(attempt.acknowledged()).isFalse();
            assertThat(attempt.status()).isBetween(400, 599);
            assertThat(attempt.replyBody()).startsWith("{\"code\":\"FAIL\",\"message\":");
        });
        assertThat(handler(stack).calls).hasValue(0);
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void timestampWindowIs300Seconds(Stack stack) {
        simulator.notifications().retrySchedule(List.of());
        NotificationAttempt stale = cardEvent(NotificationPayloads.USER_ACCEPTED)
            .timestampSkew(Duration.ofSeconds(-301))
            .deliverTo(url(stack))
            .awaitSettled(WAIT)
            .lastAttempt();
        NotificationAttempt inside = cardEvent(NotificationPayloads.USER_ACCEPTED)
            .timestampSkew(Duration.ofSeconds(-299))
            .deliverTo(url(stack))
            .awaitSettled(WAIT)
            .lastAttempt();

        assertThat(stale.status()).isEqualTo(401);
        assertThat(inside.status()).isEqualTo(204);
        assertThat(handler(stack).calls).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void oversizeBodyIs413(Stack stack) {
        simulator.notifications().retrySchedule(List.of());
        String padded = "{\"openid\":\"oUser\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}";
        NotificationAttempt attempt = simulator.notifications()
            .notification(merchant.mchId(), NotificationPayloads.USER_ACCEPTED, padded)
            .deliverTo(url(stack))
            .awaitSettled(WAIT)
            .attempts()
            .get(0);

        assertThat(attempt.status()).isEqualTo(413);
        assertThat(handler(stack).calls).hasValue(0);
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void oversizeChunkedBodyWithoutContentLengthIs413(Stack stack) {
        SignedNotification signed = cardEvent(NotificationPayloads.USER_ACCEPTED).sign();
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        // 4 MiB streamed in chunks, no Content-Length: the endpoint must stop reading at its limit
        Integer status = HttpClient.create()
            .headers((headers) -> signed.headers().forEach(headers::set))
            .post()
            .uri(url(stack))
            .send(Flux.range(0, 64).map((i) -> Unpooled.wrappedBuffer(chunk)))
            .responseSingle((response, body) -> Mono.just(response.status().code()))
            .onErrorResume((ex) -> Mono.just(-1))
            .block(WAIT);

        assertThat(status).isEqualTo(413);
        assertThat(handler(stack).calls).hasValue(0);
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void signedButNotJsonIs400(Stack stack) {
        SignedNotification notJson = simulator.notifications().signRaw("raw-1", "{\"id\": oops".getBytes());
        SignedNotification noResource = simulator.notifications()
            .signRaw("raw-2", "{\"id\":\"EV-1\",\"event_type\":\"DISCOUNT_CARD.USER_PAID\"}".getBytes());

        assertThat(simulator.notifications().post(notJson, url(stack)).status()).isEqualTo(400);
        assertThat(simulator.notifications().post(noResource, url(stack)).status()).isEqualTo(400);
        assertThat(handler(stack).calls).hasValue(0);
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void unsignedGarbageIsRefusedBeforeParsing(Stack stack) {
        SignedNotification garbage = simulator.notifications()
            .signRaw("raw-3", "not even json".getBytes(), NotificationFault.MISSING_SIGNATURE);

        NotificationAttempt attempt = simulator.notifications().post(garbage, url(stack));

        assertThat(attempt.status()).isEqualTo(401);
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void failingHandlerIsRetriedUntilHandledOnce(Stack stack) {
        RecordingHandler handler = handler(stack);
        handler.behaviour = (notification) -> (handler.calls.get() <= 2)
                ? Mono.error(new IllegalStateException("downstream unavailable")) : Mono.empty();

        NotificationDelivery delivery = cardEvent(NotificationPayloads.USER_ACCEPTED).deliverTo(url(stack))
            .awaitSettled(WAIT);

        assertThat(delivery.attempts()).extracting(NotificationAttempt::status).containsExactly(500, 500, 204);
        assertThat(delivery.attempts().get(0).replyBody())
            .isEqualTo("{\"code\":\"FAIL\",\"message\":\"not handled\"}");
        assertThat(handler.completed(delivery.id())).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void slowHandlerGetsAFailureAndTheRetrySucceeds(Stack stack) {
        RecordingHandler handler = handler(stack);
        // the first call outlives the reply budget (1 s here); WeChat Pay would retry, and the retry is quick
        handler.behaviour = (notification) -> (handler.calls.get() == 1) ? Mono.never() : Mono.empty();

        NotificationDelivery delivery = cardEvent(NotificationPayloads.USER_PAID).deliverTo(url(stack))
            .awaitSettled(WAIT);

        assertThat(delivery.attempts()).extracting(NotificationAttempt::status).containsExactly(500, 204);
        assertThat(handler.completed(delivery.id())).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void duplicateAndReplayAfterSuccessAreAcknowledgedWithoutSecondCall(Stack stack) {
        NotificationDelivery delivery = cardEvent(NotificationPayloads.AGREEMENT_ENDED)
            .faults(NotificationFault.DUPLICATE, NotificationFault.REPLAY)
            .deliverTo(url(stack))
            .awaitSettled(WAIT);

        assertThat(delivery.attempts()).extracting(NotificationAttempt::status).containsExactly(204, 204, 204);
        assertThat(handler(stack).calls).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void twentyConcurrentDeliveriesOfOneIdCallTheHandlerOnce(Stack stack) {
        RecordingHandler handler = handler(stack);
        handler.behaviour = (notification) -> Mono.delay(Duration.ofMillis(200)).then();
        SimulatedNotifications.Outgoing outgoing = cardEvent(NotificationPayloads.USER_ACCEPTED);

        List<NotificationDelivery> deliveries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            deliveries.add(outgoing.deliverTo(url(stack)));
        }
        deliveries.forEach((delivery) -> delivery.awaitSettled(WAIT));

        assertThat(deliveries).allMatch(NotificationDelivery::acknowledged);
        assertThat(handler.calls).hasValue(1);
        assertThat(handler.completed(outgoing.id())).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void outOfOrderDeliveryReachesTheHandlerLate(Stack stack) {
        NotificationDelivery late = cardEvent(NotificationPayloads.USER_ACCEPTED).faults(NotificationFault.OUT_OF_ORDER)
            .deliverTo(url(stack));
        NotificationDelivery early = cardEvent(NotificationPayloads.AGREEMENT_ENDED).deliverTo(url(stack));

        late.awaitSettled(WAIT);
        early.awaitSettled(WAIT);

        assertThat(handler(stack).handled).extracting(DiscountCardNotification::id)
            .containsExactly(early.id(), late.id());
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void unknownEventTypeIsAcknowledgedAndHandedOverRaw(Stack stack) {
        NotificationDelivery delivery = simulator.notifications()
            .notification(merchant.mchId(), "DISCOUNT_CARD.SOMETHING_NEW", "{\"anything\":[1,2,3]}")
            .deliverTo(url(stack))
            .awaitSettled(WAIT);

        assertThat(delivery.lastAttempt().status()).isEqualTo(204);
        assertThat(handler(stack).handled).singleElement().satisfies((notification) -> {
            assertThat(notification.eventType()).isEqualTo("DISCOUNT_CARD.SOMETHING_NEW");
            assertThat(notification.resourceJson()).isEqualTo("{\"anything\":[1,2,3]}");
        });
    }

    @ParameterizedTest
    @EnumSource(Stack.class)
    void aThousandDistinctNotificationsAt32InFlightAreEachHandledOnce(Stack stack) {
        simulator.notifications().maxInFlight(32);
        int count = 1000;
        long started = System.nanoTime();
        List<NotificationDelivery> deliveries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String event = List.of(NotificationPayloads.USER_ACCEPTED, NotificationPayloads.AGREEMENT_ENDED,
                    NotificationPayloads.USER_PAID).get(i % 3);
            deliveries.add(cardEvent(event).deliverTo(url(stack)));
        }
        deliveries.forEach((delivery) -> delivery.awaitSettled(Duration.ofMinutes(2)));
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        simulator.notifications().maxInFlight(64);

        RecordingHandler handler = handler(stack);
        assertThat(deliveries).allMatch(NotificationDelivery::acknowledged);
        assertThat(deliveries).allSatisfy((delivery) -> assertThat(handler.completed(delivery.id())).isEqualTo(1));
        assertThat(handler.callsById).hasSize(count);
        long retries = deliveries.stream().mapToLong((delivery) -> delivery.attempts().size() - 1).sum();
        System.out.printf("%s: %d distinct notifications, 32 in flight: %d handled exactly once, %d lost, %d "
                + "retries, in %d ms (%.0f/s)%n", stack, count, handler.callsById.size(),
                count - handler.callsById.size(), retries, millis, count * 1000.0 / Math.max(1, millis));
    }
}
