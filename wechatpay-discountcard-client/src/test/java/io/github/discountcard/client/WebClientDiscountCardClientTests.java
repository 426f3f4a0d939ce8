package io.github.discountcard.client;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.discountcard.client.model.DiscountCardOrder;
import io.github.discountcard.client.model.Objective;
import io.github.discountcard.client.model.OrderState;
import io.github.discountcard.client.model.PerformanceType;
import io.github.discountcard.client.model.Reward;
import io.github.discountcard.client.model.RewardType;
import io.github.discountcard.client.model.UpdateOrderRequest;
import io.github.discountcard.client.model.UpdateOrderResponse;
import io.github.discountcard.core.ResponseVerifier;
import io.github.discountcard.core.VerificationFailure;
import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.DiscountCardSimulatorExtension;
import io.github.discountcard.test.Fault;
import io.github.discountcard.test.ReceivedRequest;
import io.github.discountcard.test.SimulatedOrder;
import io.github.discountcard.test.TestMerchant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client over real HTTP on loopback against the simulator, which checks signatures as WeChat Pay does. */
class WebClientDiscountCardClientTests {

    @RegisterExtension
    static final DiscountCardSimulatorExtension extension = new DiscountCardSimulatorExtension();

    static final TestMerchant merchant = TestMerchant.generate();

    static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    static DiscountCardSimulator simulator;

    static WebClientDiscountCardClient client;

    static final AtomicInteger ids = new AtomicInteger();

    @BeforeAll
    static void setUp() {
        simulator = extension.simulator();
        simulator.registerMerchant(merchant);
        client = clientFor(simulator.baseUrl());
    }

    /** Without retries, so each fault is seen as it is (retries have their own tests). */
    static WebClientDiscountCardClient clientFor(String baseUrl) {
        return WebClientDiscountCardClient.builder()
            .retryPolicy(RetryPolicy.NONE)
            .baseUrl(baseUrl)
            .signer(merchant.signer())
            .verifier(new ResponseVerifier(simulator.verificationKeys()))
            .build();
    }

    static String newOrder() {
        String outOrderNo = "ORDER-" + ids.incrementAndGet() + "-" + System.nanoTime();
        simulator.createOrder(outOrderNo);
        return outOrderNo;
    }

    static Objective objective(String serial) {
        return Objective.builder()
            .objectiveSerialNo(serial)
            .objectiveId(123456)
            .performanceDescription("购买商品")
            .performanceType(PerformanceType.INCREASE)
            .count(1)
            .performanceTime(OffsetDateTime.of(2015, 5, 20, 13, 29, 35, 120_000_000, BEIJING))
            .remark("特价商品")
            .build();
    }

    static Reward reward(String serial, long amount) {
        return Reward.builder()
            .rewardSerialNo(serial)
            .rewardId(123456)
            .description("满减优惠")
            .rewardType(RewardType.INCREASE)
            .count(1)
            .amount(amount)
            .rewardTime(OffsetDateTime.of(2015, 5, 20, 13, 29, 35, 0, BEIJING))
            .build();
    }

    @Test
    void updateAndQueryDeliverEveryFieldTyped() {
        String outOrderNo = newOrder();
        UpdateOrderRequest request = UpdateOrderRequest.builder()
            .objective(objective("578354545"))
            .reward(reward("578354", 100))
            .build();

        UpdateOrderResponse updated = client.updateOrder(outOrderNo, request).block();
        assertThat(updated.outOrderNo()).isEqualTo(outOrderNo);
        assertThat(updated.orderId()).isNotBlank();

        DiscountCardOrder order = client.getOrder(outOrderNo).block();
        SimulatedOrder expected = simulator.order(outOrderNo).orElseThrow();
        assertThat(order.outOrderNo()).isEqualTo(outOrderNo);
        assertThat(order.orderId()).isEqualTo(updated.orderId()).isEqualTo(expected.orderId());
        assertThat(order.outTradeNo()).isEqualTo(expected.outTradeNo());
        assertThat(order.discountCardId()).isEqualTo(expected.discountCardId());
        assertThat(order.appid()).isEqualTo(expected.appid());
        assertThat(order.serviceId()).isEqualTo(expected.serviceId());
        assertThat(order.openid()).isEqualTo(expected.openid());
        assertThat(order.cardName()).isNotBlank();
        assertThat(order.objectiveDescription()).isNotBlank();
        assertThat(order.rewardDescription()).isNotBlank();
        assertThat(order.cardBeginTime()).isBefore(order.cardEndTime());
        assertThat(order.createTime()).isNotNull();
        assertThat(order.state()).isEqualTo(OrderState.CREATED);
        assertThat(order.estimatedRewardAmount()).isEqualTo(100L);
        assertThat(order.objectives()).singleElement().satisfies((record) -> {
            assertThat(record.objectiveSerialNo()).isEqualTo("578354545");
            assertThat(record.objectiveId()).isEqualTo(123456L);
            assertThat(record.performanceType()).isEqualTo(PerformanceType.INCREASE);
            assertThat(record.count()).isEqualTo(1L);
            assertThat(record.performanceTime().toInstant())
                .isEqualTo(OffsetDateTime.of(2015, 5, 20, 13, 29, 35, 120_000_000, BEIJING).toInstant());
            assertThat(record.remark()).isEqualTo("特价商品");
            assertThat(record.name()).isNotBlank();
            assertThat(record.unit()).isNotBlank();
        });
        assertThat(order.rewards()).singleElement().satisfies((record) -> {
            assertThat(record.rewardSerialNo()).isEqualTo("578354");
            assertThat(record.amount()).isEqualTo(100L);
            assertThat(record.rewardType()).isEqualTo(RewardType.INCREASE);
            assertThat(record.name()).isNotBlank();
        });

        DiscountCardOrder byTradeNo = client.getOrderByOutTradeNo(expected.outTradeNo()).block();
        assertThat(byTradeNo).isEqualTo(order);
    }

    @Test
    void requestsCarrySignedHeadersOverTheExactWireBytes() {
        String outOrderNo = newOrder();
        client.updateOrder(outOrderNo, UpdateOrderRequest.builder().objective(objective("S-1")).build()).block();
        client.getOrder(outOrderNo).block();

        List<ReceivedRequest> requests = simulator.requests();
        assertThat(requests).hasSize(2).allSatisfy((request) -> {
            assertThat(request.status()).isEqualTo(200); // the simulator accepted the signature
            assertThat(request.header("Authorization")).get().asString()
                .startsWith("WECHATPAY2-SHA256-RSA2048 mchid=\"" + merchant.mchId() + "\"");
            assertThat(request.header("User-Agent")).get().asString().startsWith("wechatpay-discountcard/");
            assertThat(request.header("Accept")).contains("application/json");
            assertThat(request.header("Wechatpay-Serial")).contains(simulator.platformPublicKeyId());
        });
        assertThat(requests.get(0).method()).isEqualTo("PATCH");
        assertThat(requests.get(0).header("Content-Type")).get().asString().startsWith("application/json");
        assertThat(requests.get(0).bodyAsString()).contains("\"objective_serial_no\":\"S-1\"");
        assertThat(requests.get(1).method()).isEqualTo("GET");
        assertThat(requests.get(1).body()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = { "BAD_SIGNATURE", "MISSING_SIGNATURE", "STALE_TIMESTAMP",
            "PROBE_SIGNATURE", "UNKNOWN_SERIAL", "TAMPERED_BODY" })
    void untrustworthyResponsesNeverReachTheCaller(Fault fault) {
        String outOrderNo = newOrder();
        VerificationFailure expected = SignatureFaults.expectedFailure(fault);
        simulator.failNext(fault, 2);
        assertThatThrownBy(() -> client.getOrder(outOrderNo).block()).isInstanceOfSatisfying(
                WechatPaySignatureException.class, (ex) -> {
                    assertThat(ex.reason()).isEqualTo(expected);
                    assertThat(ex.requestId()).isNotBlank();
                    assertThat(ex.getMessage()).doesNotContain("WECHATPAY2-SHA256-RSA2048");
                });
        assertThatThrownBy(() -> client
            .updateOrder(outOrderNo, UpdateOrderRequest.builder().objective(objective("F-" + fault)).build())
            .block()).isInstanceOfSatisfying(WechatPaySignatureException.class,
                    (ex) -> assertThat(ex.reason()).isEqualTo(expected));
        // and the next, untouched response is accepted again
        assertThat(client.getOrder(outOrderNo).block().outOrderNo()).isEqualTo(outOrderNo);
    }

    @Test
    void unknownOrderMapsToServiceErrorWithRequestId() {
        assertThatThrownBy(() -> client.getOrder("NO-SUCH-ORDER").block())
            .isInstanceOfSatisfying(WechatPayServiceException.class, (ex) -> {
                assertThat(ex.statusCode()).isEqualTo(404);
                assertThat(ex.code()).isEqualTo("RESOURCE_NOT_EXISTS");
                assertThat(ex.errorMessage()).isNotBlank();
                assertThat(ex.requestId()).matches("[0-9A-F]{28}");
                assertThat(ex.signatureVerified()).isTrue();
                assertThat(ex.isRetryable()).isFalse();
                assertThat(ex.getMessage()).contains("404", "RESOURCE_NOT_EXISTS", ex.requestId());
            });
    }

    @Test
    void paramErrorCarriesCodeMessageAndDetail() {
        String outOrderNo = newOrder();
        Objective unknownType = Objective.builder()
            .objectiveSerialNo("P-1")
            .objectiveId(1)
            .performanceDescription("x")
            .performanceType(PerformanceType.of("SIDEWAYS"))
            .count(1)
            .performanceTime(OffsetDateTime.now(BEIJING))
            .build();
        assertThatThrownBy(() -> client.updateOrder(outOrderNo,
                UpdateOrderRequest.builder().objective(unknownType).build()).block())
            .isInstanceOfSatisfying(WechatPayServiceException.class, (ex) -> {
                assertThat(ex.statusCode()).isEqualTo(400);
                assertThat(ex.code()).isEqualTo("PARAM_ERROR");
                assertThat(ex.errorMessage()).isNotBlank();
                assertThat(ex.detail()).contains("objectives[0].performance_type");
                assertThat(ex.requestId()).isNotBlank();
            });
    }

    @Test
    void serverErrorsAndRateLimitsAreRetryableServiceErrors() {
        String outOrderNo = newOrder();
        simulator.failNext(Fault.SERVER_ERROR, 1);
        assertThatThrownBy(() -> client.getOrder(outOrderNo).block())
            .isInstanceOfSatisfying(WechatPayServiceException.class, (ex) -> {
                assertThat(ex.statusCode()).isEqualTo(500);
                assertThat(ex.code()).isEqualTo("SYSTEM_ERROR");
                assertThat(ex.isRetryable()).isTrue();
            });
        simulator.failNext(Fault.TOO_MANY_REQUESTS, 1);
        assertThatThrownBy(() -> client.getOrder(outOrderNo).block())
            .isInstanceOfSatisfying(WechatPayServiceException.class, (ex) -> {
                assertThat(ex.statusCode()).isEqualTo(429);
                assertThat(ex.code()).isEqualTo("FREQUENCY_LIMITED");
            });
    }

    @Test
    void aSignerTheServerDoesNotKnowGetsSignError() {
        TestMerchant stranger = TestMerchant.generate(merchant.mchId());
        WebClientDiscountCardClient strangerClient = WebClientDiscountCardClient.builder()
            .retryPolicy(RetryPolicy.NONE)
            .baseUrl(simulator.baseUrl())
            .signer(stranger.signer())
            .verifier(new ResponseVerifier(simulator.verificationKeys()))
            .build();
        assertThatThrownBy(() -> strangerClient.getOrder(newOrder()).block())
            .isInstanceOfSatisfying(WechatPayServiceException.class, (ex) -> {
                assertThat(ex.statusCode()).isEqualTo(401);
                assertThat(ex.code()).isEqualTo("SIGN_ERROR");
            });
    }

    @ParameterizedTest
    @ValueSource(strings = { "../certificates", "a/b", "a?b", "a#b", "%2F", "%", "订单-1", "a;b=c", "..%2F..", "~x" })
    void pathParametersStayOneEncodedAndSignedSegment(String outOrderNo) {
        simulator.createOrder(outOrderNo);
        DiscountCardOrder order = client.getOrder(outOrderNo).block();
        assertThat(order.outOrderNo()).isEqualTo(outOrderNo);

        ReceivedRequest request = simulator.lastRequest().orElseThrow();
        String expectedTarget = "/v3/discount-card/orders/"
                + org.springframework.web.util.UriUtils.encode(outOrderNo, StandardCharsets.UTF_8);
        assertThat(request.rawTarget()).isEqualTo(expectedTarget);
        assertThat(request.rawPath().substring("/v3/discount-card/orders/".length())).doesNotContain("/", "?", "#");
        assertThat(request.status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = { ".", "..", "", " ", "a b", "a\tb", "a\nb", "\u0000" })
    void unsafeOrderNumbersAreRefusedBeforeSending(String outOrderNo) {
        assertThatThrownBy(() -> client.getOrder(outOrderNo).block())
            .isInstanceOfSatisfying(WechatPayInvalidRequestException.class,
                    (ex) -> assertThat(ex.problems()).anyMatch((problem) -> problem.startsWith("out_order_no")));
        assertThat(simulator.requestCount()).isZero();
    }

    @Test
    void invalidInputNamesTheFieldAndSendsNothing() {
        assertThatThrownBy(() -> client.getOrder("x".repeat(65)).block())
            .isInstanceOf(WechatPayInvalidRequestException.class).hasMessageContaining("out_order_no")
            .hasMessageContaining("64");
        assertThatThrownBy(() -> client.getOrderByOutTradeNo("bad/trade").block())
            .isInstanceOf(WechatPayInvalidRequestException.class).hasMessageContaining("out_trade_no");
        assertThatThrownBy(() -> client.getOrderByOutTradeNo("x".repeat(33)).block())
            .isInstanceOf(WechatPayInvalidRequestException.class).hasMessageContaining("out_trade_no");
        assertThatThrownBy(() -> client.updateOrder("ORDER", UpdateOrderRequest.builder().build()).block())
            .isInstanceOf(WechatPayInvalidRequestException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> client.updateOrder("ORDER",
                UpdateOrderRequest.builder().reward(reward("R-1", -5)).build()).block())
            .isInstanceOfSatisfying(WechatPayInvalidRequestException.class,
                    (ex) -> assertThat(ex.problems()).anyMatch((problem) -> problem.contains("rewards[0].amount")));
        assertThat(simulator.requestCount()).isZero();
    }

    @Test
    void outTradeNoWithItsFullAlphabetIsEncodedAndFound() {
        String outOrderNo = "TRADE-ALPHABET-" + ids.incrementAndGet();
        simulator.createOrder(outOrderNo, "az_AZ-09|*x");
        assertThat(client.getOrderByOutTradeNo("az_AZ-09|*x").block().outOrderNo()).isEqualTo(outOrderNo);
        assertThat(simulator.lastRequest().orElseThrow().rawTarget())
            .isEqualTo("/v3/discount-card/orders/out-trade-no/az_AZ-09%7C%2Ax");
    }

    @Test
    void twoHundredConcurrentCallsAreAllVerifiedWithoutCrossTalk() {
        List<String> orders = java.util.stream.IntStream.range(0, 200).mapToObj((i) -> newOrder()).toList();
        List<String> answered = Flux.fromIterable(orders)
            .flatMap((outOrderNo) -> (outOrderNo.hashCode() % 2 == 0)
                    ? client.getOrder(outOrderNo).map(DiscountCardOrder::outOrderNo)
                    : client.updateOrder(outOrderNo,
                            UpdateOrderRequest.builder().reward(reward("C-" + outOrderNo, 7)).build())
                        .map(UpdateOrderResponse::outOrderNo), 200)
            .collectList()
            .block();
        assertThat(answered).containsExactlyInAnyOrderElementsOf(orders);
        assertThat(simulator.requests()).hasSize(200).allSatisfy((r) -> assertThat(r.status()).isEqualTo(200));
        orders.stream().filter((o) -> o.hashCode() % 2 != 0).forEach((o) -> assertThat(
                simulator.order(o).orElseThrow().estimatedRewardAmount()).isEqualTo(7L));
    }

    @Test
    void aResponseOverTheLimitIsRefused() {
        String outOrderNo = newOrder();
        WebClientDiscountCardClient small = WebClientDiscountCardClient.builder()
            .baseUrl(simulator.baseUrl())
            .signer(merchant.signer())
            .verifier(new ResponseVerifier(simulator.verificationKeys()))
            .maxResponseBytes(64)
            .build();
        assertThatThrownBy(() -> small.getOrder(outOrderNo).block())
            .isInstanceOf(WechatPayInvalidResponseException.class)
            .hasMessageContaining("exceeds the limit of 64 bytes");
    }

    @Test
    void responsesLargerThanTheCodecDefaultButWithinTheLimitAreRead() {
        String outOrderNo = newOrder();
        Objective large = Objective.builder()
            .objectiveSerialNo("LARGE-1")
            .objectiveId(1)
            .performanceDescription("x")
            .performanceType(PerformanceType.INCREASE)
            .count(1)
            .performanceTime(OffsetDateTime.now(BEIJING))
            .remark("长".repeat(100_000)) // ~300 KB of UTF-8, over WebClient's 256 KiB codec default
            .build();
        client.updateOrder(outOrderNo, UpdateOrderRequest.builder().objective(large).build()).block();
        assertThat(client.getOrder(outOrderNo).block().objectives()).singleElement()
            .satisfies((record) -> assertThat(record.remark()).hasSize(100_000));
    }

    @Test
    void unsignedErrorTextIsShortOneLineAndMarked() {
        WechatPayServiceException error = new WechatPayServiceException(502, "BAD\nGATEWAY",
                "<html>\n" + "x".repeat(5000) + "</html>", null, null, false);
        assertThat(error.getMessage()).doesNotContain("\n").contains("(unsigned answer)").hasSizeLessThan(800);
    }

    @Test
    void connectionFailuresAreTransportErrors() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        WebClientDiscountCardClient unreachable = clientFor("http://127.0.0.1:" + closedPort);
        assertThatThrownBy(() -> unreachable.getOrder("ORDER").block())
            .isInstanceOf(WechatPayTransportException.class)
            .hasMessageContaining("GET /v3/discount-card/orders/ORDER");

        String outOrderNo = newOrder();
        simulator.failNext(Fault.CONNECTION_RESET, 1);
        assertThatThrownBy(() -> client
            .updateOrder(outOrderNo, UpdateOrderRequest.builder().objective(objective("RESET-1")).build())
            .block()).isInstanceOf(WechatPayTransportException.class);
        assertThat(simulator.order(outOrderNo).orElseThrow().objectives()).isEmpty();
    }

    @Test
    void remotePlainHttpIsRefused() {
        assertThatThrownBy(() -> clientFor("http://api.mch.weixin.qq.com"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https://");
        assertThat(clientFor("http://localhost:1/").baseUrl()).isEqualTo("http://localhost:1");
        assertThat(clientFor("http://[::1]:1").baseUrl()).isEqualTo("http://[::1]:1");
    }

    @Test
    void bodyBytesSentAreTheBytesSigned() {
        String outOrderNo = newOrder();
        client.updateOrder(outOrderNo, UpdateOrderRequest.builder().objective(objective("BYTES-1")).build()).block();
        ReceivedRequest request = simulator.lastRequest().orElseThrow();
        // the simulator verified the signature over these exact bytes (status 200), and they are UTF-8 JSON
        assertThat(request.status()).isEqualTo(200);
        assertThat(new String(request.body(), StandardCharsets.UTF_8)).contains("购买商品");
    }

    @Test
    void aCallerThatBlocksSignsOnItsOwnThreadNotOnAnEventLoop() {
        Set<String> signingThreads = ConcurrentHashMap.newKeySet();
        ObservingClock recording = new ObservingClock(() -> signingThreads.add(Thread.currentThread().getName()));
        WebClientDiscountCardClient signingHere = WebClientDiscountCardClient.builder()
            .retryPolicy(RetryPolicy.NONE)
            .baseUrl(simulator.baseUrl())
            .signer(merchant.signer(recording))
            .verifier(new ResponseVerifier(simulator.verificationKeys()))
            .build();
        String outOrderNo = newOrder();

        signingHere.updateOrder(outOrderNo, UpdateOrderRequest.builder().objective(objective("HERE-1")).build())
            .block();
        assertThat(signingHere.getOrder(outOrderNo).block().outOrderNo()).isEqualTo(outOrderNo);

        // the simulator accepted both signatures, made before a connection was taken, on this thread only
        assertThat(simulator.lastRequest().orElseThrow().status()).isEqualTo(200);
        assertThat(signingThreads).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void aSignerThatFailsGivesATypedTransportErrorAndSendsNothing() {
        WebClientDiscountCardClient unsigned = WebClientDiscountCardClient.builder()
            .retryPolicy(RetryPolicy.NONE)
            .baseUrl(simulator.baseUrl())
            .signer(merchant.signer(new ObservingClock(() -> {
                throw new IllegalStateException("no time to sign with");
            })))
            .verifier(new ResponseVerifier(simulator.verificationKeys()))
            .build();
        String outOrderNo = newOrder();
        int before = simulator.requestCount();

        assertThatThrownBy(() -> unsigned.getOrder(outOrderNo).block())
            .isInstanceOf(WechatPayTransportException.class)
            .hasMessageContaining("GET /v3/discount-card/orders/")
            .hasRootCauseInstanceOf(IllegalStateException.class);
        assertThat(simulator.requestCount()).isEqualTo(before);
    }
}
