package io.github.discountcard.client;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.discountcard.client.model.Reward;
import io.github.discountcard.client.model.RewardType;
import io.github.discountcard.client.model.UpdateOrderRequest;
import io.github.discountcard.core.ResponseVerifier;
import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.DiscountCardSimulatorExtension;
import io.github.discountcard.test.Fault;
import io.github.discountcard.test.ReceivedRequest;
import io.github.discountcard.test.TestMerchant;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Timeouts, safe retries, observations and log lines, each seen from the client side against the simulator. */
class ResilienceTests {

    @RegisterExtension
    static final DiscountCardSimulatorExtension extension = new DiscountCardSimulatorExtension();

    static final TestMerchant merchant = TestMerchant.generate();

    static final RetryPolicy FAST_RETRIES = new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100), 0.5);

    static DiscountCardSimulator simulator;

    static int orders;

    @BeforeAll
    static void setUp() {
        simulator = extension.simulator();
        simulator.registerMerchant(merchant);
    }

    @AfterEach
    void noLatency() {
        simulator.setLatency(Duration.ZERO);
    }

    static String newOrder() {
        String outOrderNo = "RES-" + (++orders);
        simulator.createOrder(outOrderNo);
        return outOrderNo;
    }

    static WebClientDiscountCardClient.Builder client() {
        return WebClientDiscountCardClient.builder()
            .baseUrl(simulator.baseUrl())
            .signer(merchant.signer())
            .verifier(new ResponseVerifier(simulator.verificationKeys()))
            .retryPolicy(FAST_RETRIES);
    }

    static WebClient.Builder withResponseTimeout(Duration timeout) {
        HttpClient http = HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 1000).responseTimeout(timeout);
        return WebClient.builder().clientConnector(new ReactorClientHttpConnector(http));
    }

    static UpdateOrderRequest reward(String serial) {
        return UpdateOrderRequest.builder()
            .reward(Reward.builder()
                .rewardSerialNo(serial)
                .rewardId(1)
                .description("立减")
                .rewardType(RewardType.INCREASE)
                .count(1)
                .amount(100)
                .rewardTime(OffsetDateTime.now(ZoneOffset.ofHours(8)))
                .build())
            .build();
    }

    @Test
    void aSlowServerGivesATypedTimeoutWithinTheBound() {
        String outOrderNo = newOrder();
        simulator.setLatency(Duration.ofSeconds(3));
        WebClientDiscountCardClient client = client().retryPolicy(RetryPolicy.NONE)
            .webClientBuilder(withResponseTimeout(Duration.ofMillis(300)))
            .build();
        long started = System.nanoTime();
        assertThatThrownBy(() -> client.getOrder(outOrderNo).block()).isInstanceOf(WechatPayTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void retriedTimeoutsStillEndWithinTheCallTimeout() {
        String outOrderNo = newOrder();
        simulator.setLatency(Duration.ofSeconds(3));
        WebClientDiscountCardClient client = client().callTimeout(Duration.ofMillis(800))
            .webClientBuilder(withResponseTimeout(Duration.ofMillis(300)))
            .build();
        long started = System.nanoTime();
        assertThatThrownBy(() -> client.getOrder(outOrderNo).block()).isInstanceOf(WechatPayTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void queriesAreRetriedOnServerErrorsEachAttemptSignedAfresh() {
        String outOrderNo = newOrder();
        simulator.failNext(Fault.SERVER_ERROR, 2);
        assertThat(client().build().getOrder(outOrderNo).block().outOrderNo()).isEqualTo(outOrderNo);
        List<ReceivedRequest> requests = simulator.requests();
        assertThat(requests).extracting(ReceivedRequest::status).containsExactly(500, 500, 200);
        assertThat(requests).extracting((r) -> r.header("Authorization").orElseThrow()).doesNotHaveDuplicates();
    }

    @Test
    void queriesHonourRetryAfterOnTooManyRequests() {
        String outOrderNo = newOrder();
        simulator.failNext(Fault.TOO_MANY_REQUESTS, 1);
        WebClientDiscountCardClient client = client()
            .retryPolicy(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofSeconds(2), 0))
            .build();
        long started = System.nanoTime();
        assertThat(client.getOrder(outOrderNo).block()).isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(simulator.requests()).extracting(ReceivedRequest::status).containsExactly(429, 200);
    }

    @Test
    void aRetryAfterLongerThanTheMaxBackoffIsNotWaitedFor() {
        String outOrderNo = newOrder();
        simulator.failNext(Fault.TOO_MANY_REQUESTS, 1); // Retry-After: 1 s > 100 ms
        assertThatThrownBy(() -> client().build().getOrder(outOrderNo).block())
            .isInstanceOfSatisfying(WechatPayServiceException.class, (ex) -> {
                assertThat(ex.statusCode()).isEqualTo(429);
                assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(1));
            });
        assertThat(simulator.requestCount()).isOne();
    }

    @Test
    void updatesAreNotRetriedOnTooManyRequests() {
        String outOrderNo = newOrder();
        simulator.failNext(Fault.TOO_MANY_REQUESTS, 1);
        WebClientDiscountCardClient client = client()
            .retryPolicy(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(2), 0))
            .build();
        assertThatThrownBy(() -> client.updateOrder(outOrderNo, reward("R-429")).block())
            .isInstanceOfSatisfying(WechatPayServiceException.class, (ex) -> assertThat(ex.statusCode()).isEqualTo(429));
        assertThat(simulator.requestCount()).isOne();
    }

    @Test
    void aRetriedUpdateCountsOnce() {
        String outOrderNo = newOrder();
        // the first attempt is applied, but its answer is lost: the retry repeats the same serial number
        simulator.failNext(Fault.CONNECTION_RESET_AFTER_APPLY, 1);
        simulator.failNext(Fault.SERVER_ERROR, 1);
        assertThat(client().build().updateOrder(outOrderNo, reward("R-ONCE")).block().outOrderNo())
            .isEqualTo(outOrderNo);
        assertThat(simulator.requests()).extracting(ReceivedRequest::status).containsExactly(0, 500, 200);
        assertThat(simulator.order(outOrderNo).orElseThrow().rewards()).hasSize(1);
        assertThat(simulator.order(outOrderNo).orElseThrow().estimatedRewardAmount()).isEqualTo(100L);
    }

    @Test
    void clientErrorsAndSignatureFailuresAreNeverRetried() {
        WebClientDiscountCardClient client = client().build();
        assertThatThrownBy(() -> client.getOrder("NO-SUCH-ORDER").block()).isInstanceOf(WechatPayServiceException.class);
        assertThat(simulator.requestCount()).isOne();
        simulator.reset();
        String outOrderNo = newOrder();
        simulator.failNext(Fault.BAD_SIGNATURE, 1);
        assertThatThrownBy(() -> client.getOrder(outOrderNo).block()).isInstanceOf(WechatPaySignatureException.class);
        assertThat(simulator.requestCount()).isOne();
    }

    @Test
    void connectionResetsAreRetried() {
        String outOrderNo = newOrder();
        simulator.failNext(Fault.CONNECTION_RESET, 2);
        assertThat(client().build().getOrder(outOrderNo).block()).isNotNull();
        assertThat(simulator.requests()).extracting(ReceivedRequest::status).containsExactly(0, 0, 200);
    }

    @Test
    void oneObservationPerCallWithLowCardinalityTags() {
        TestObservationRegistry registry = TestObservationRegistry.create();
        List<Observation.Context> stopped = new java.util.concurrent.CopyOnWriteArrayList<>();
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }
        });
        WebClientDiscountCardClient client = client().observationRegistry(registry).build();
        String outOrderNo = newOrder();
        simulator.failNext(Fault.SERVER_ERROR, 1);
        client.getOrder(outOrderNo).block();
        assertThatThrownBy(() -> client.getOrder("NO-SUCH-ORDER").block());

        TestObservationRegistryAssert.assertThat(registry)
            .hasNumberOfObservationsWithNameEqualTo(CallObservation.NAME, 2);
        TestObservationRegistryAssert.assertThat(registry)
            .hasAnObservation((observation) -> observation.hasNameEqualTo(CallObservation.NAME)
                .hasLowCardinalityKeyValue("operation", "getOrder")
                .hasLowCardinalityKeyValue("outcome", "SUCCESS")
                .hasLowCardinalityKeyValue("status", "200")
                .hasLowCardinalityKeyValue("error.code", "NONE"))
            .hasAnObservation((observation) -> observation.hasNameEqualTo(CallObservation.NAME)
                .hasLowCardinalityKeyValue("outcome", "SERVICE_ERROR")
                .hasLowCardinalityKeyValue("status", "404")
                .hasLowCardinalityKeyValue("error.code", "RESOURCE_NOT_EXISTS")
                .hasError());
        assertThat(stopped).hasSize(2);
        stopped.forEach((context) -> {
            String tags = context.getAllKeyValues().toString();
            assertThat(tags).doesNotContain(outOrderNo).doesNotContain("NO-SUCH-ORDER").doesNotContain("openid");
        });
    }

    @Test
    void webClientHttpObservationsTagTheUriTemplateNotTheOrderNumber() {
        TestObservationRegistry registry = TestObservationRegistry.create();
        WebClientDiscountCardClient client = client().observationRegistry(registry)
            .webClientBuilder(WebClient.builder().observationRegistry(registry))
            .build();
        String outOrderNo = newOrder();
        client.getOrder(outOrderNo).block();
        // WebClient stops its observation just after the body is consumed, possibly after block() returned
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> TestObservationRegistryAssert
            .assertThat(registry)
            .hasObservationWithNameEqualTo("http.client.requests")
            .that()
            .hasBeenStopped()
            .hasLowCardinalityKeyValue("uri", "/v3/discount-card/orders/{out_order_no}")
            .hasParentObservationContextMatching((parent) -> parent.getName().equals(CallObservation.NAME)));
    }

    @Test
    void oneDebugLinePerCallWithoutSecrets() {
        ListAppender<ILoggingEvent> appender = capture(Level.DEBUG);
        try {
            String outOrderNo = newOrder();
            simulator.failNext(Fault.SERVER_ERROR, 1);
            client().build().getOrder(outOrderNo).block();
            List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(lines).singleElement().satisfies((line) -> {
                assertThat(line).contains("GET /v3/discount-card/orders/" + outOrderNo, "-> 200", "2 attempts", " ms")
                    .containsPattern("Request-ID [0-9A-F]{28}\\]")
                    .doesNotContain("WECHATPAY2-SHA256-RSA2048", "signature=", "PRIVATE", "openid", "body");
            });
        }
        finally {
            release(appender);
        }
    }

    @Test
    void bodyLoggingMasksOpenids() {
        ListAppender<ILoggingEvent> appender = capture(Level.DEBUG);
        try {
            String outOrderNo = newOrder();
            String openid = simulator.order(outOrderNo).orElseThrow().openid();
            client().logBodies(true).build().getOrder(outOrderNo).block();
            String line = appender.list.get(0).getFormattedMessage();
            assertThat(line).contains("response body: {", "\"openid\":\"******\"", outOrderNo).doesNotContain(openid);
        }
        finally {
            release(appender);
        }
    }

    static ListAppender<ILoggingEvent> capture(Level level) {
        Logger logger = (Logger) LoggerFactory.getLogger(WebClientDiscountCardClient.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(level);
        return appender;
    }

    static void release(ListAppender<ILoggingEvent> appender) {
        Logger logger = (Logger) LoggerFactory.getLogger(WebClientDiscountCardClient.class);
        logger.detachAppender(appender);
        logger.setLevel(null);
    }
}
