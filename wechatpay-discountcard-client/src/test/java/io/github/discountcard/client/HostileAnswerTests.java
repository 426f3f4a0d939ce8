package io.github.discountcard.client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.discountcard.client.loopback.AnswerSigner;
import io.github.discountcard.client.loopback.LoopbackServer;
import io.github.discountcard.client.loopback.LoopbackServer.Reply;
import io.github.discountcard.client.model.Objective;
import io.github.discountcard.client.model.PerformanceType;
import io.github.discountcard.client.model.UpdateOrderRequest;
import io.github.discountcard.core.ResponseVerifier;
import io.github.discountcard.core.VerificationKeys;
import io.github.discountcard.test.TestMerchant;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Answers crafted by someone inside TLS (or a WeChat Pay that answers the unexpected), served from loopback:
 * genuine signed answers moved to another request, empty and {@code null} bodies, garbage error codes and
 * oversized, control-laden {@code Request-ID}s.
 */
class HostileAnswerTests {

    static final TestMerchant merchant = TestMerchant.generate();

    static final AnswerSigner wechat = AnswerSigner.publicKey();

    static LoopbackServer server;

    @BeforeAll
    static void start() {
        server = LoopbackServer.start((request) -> new Reply(500, Map.of(), new byte[0]));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static WebClientDiscountCardClient.Builder client() {
        return WebClientDiscountCardClient.builder()
            .retryPolicy(RetryPolicy.NONE)
            .baseUrl(server.baseUrl())
            .signer(merchant.signer())
            .verifier(new ResponseVerifier(new VerificationKeys(List.of(wechat.verificationKey()))));
    }

    static String order(String outOrderNo, String outTradeNo) {
        return "{\"out_order_no\":\"" + outOrderNo + "\",\"out_trade_no\":\"" + outTradeNo + "\",\"order_id\":\"W-"
                + outOrderNo + "\",\"openid\":\"oSecret-" + outOrderNo + "\",\"state\":\"CREATED\"}";
    }

    static UpdateOrderRequest update() {
        return UpdateOrderRequest.builder()
            .objective(Objective.builder()
                .objectiveSerialNo("S-1")
                .objectiveId(1)
                .performanceDescription("x")
                .performanceType(PerformanceType.INCREASE)
                .count(1)
                .performanceTime(java.time.OffsetDateTime.now())
                .build())
            .build();
    }

    static List<Observation.Context> stoppedContexts(ObservationRegistry registry) {
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
        return stopped;
    }

    @Test
    void askedForOneOrderAnsweredWithAnothersSignedOrderIsRefused() {
        server.answer((request) -> wechat.ok(order("ORDER-B", "TRADE-B")));
        WebClientDiscountCardClient client = client().build();
        assertThatThrownBy(() -> client.getOrder("ORDER-A").block())
            .isInstanceOfSatisfying(WechatPayInvalidResponseException.class, (ex) -> assertThat(ex.getMessage())
                .contains("answer for another order", "out_order_no", "ORDER-A", "ORDER-B")
                .doesNotContain("oSecret"));
        // the same genuine answer is accepted for the order it is about
        assertThat(client.getOrder("ORDER-B").block().outOrderNo()).isEqualTo("ORDER-B");
    }

    @Test
    void aPatchAnsweredWithAnotherOrdersSignedSuccessIsRefused() {
        server.answer((request) -> wechat.ok("{\"out_order_no\":\"ORDER-B\",\"order_id\":\"W-B\"}"));
        WebClientDiscountCardClient client = client().build();
        assertThatThrownBy(() -> client.updateOrder("ORDER-A", update()).block())
            .isInstanceOf(WechatPayInvalidResponseException.class)
            .hasMessageContaining("answer for another order");
        assertThat(client.updateOrder("ORDER-B", update()).block().orderId()).isEqualTo("W-B");
    }

    @Test
    void theByTradeNoQueryAnsweredWithAnotherTradesOrderIsRefused() {
        server.answer((request) -> wechat.ok(order("ORDER-B", "TRADE-B")));
        WebClientDiscountCardClient client = client().build();
        assertThatThrownBy(() -> client.getOrderByOutTradeNo("TRADE-A").block())
            .isInstanceOf(WechatPayInvalidResponseException.class)
            .hasMessageContaining("answer for another order").hasMessageContaining("out_trade_no");
        assertThat(client.getOrderByOutTradeNo("TRADE-B").block().outOrderNo()).isEqualTo("ORDER-B");
    }

    @Test
    void aVerifiedNullOrEmptyBodyIsATypedInvalidResponse() {
        WebClientDiscountCardClient client = client().build();
        for (String body : List.of("null", "")) {
            server.answer((request) -> wechat.ok(body));
            assertThatThrownBy(() -> client.getOrder("ORDER-A").block())
                .isInstanceOf(WechatPayInvalidResponseException.class).hasMessageContaining("holds no");
            assertThatThrownBy(() -> client.updateOrder("ORDER-A", update()).block())
                .isInstanceOf(WechatPayInvalidResponseException.class).hasMessageContaining("holds no");
        }
    }

    @Test
    void unsignedErrorsWithRandomCodesShareOneErrorCodeTag() {
        ObservationRegistry registry = ObservationRegistry.create();
        List<Observation.Context> stopped = stoppedContexts(registry);
        WebClientDiscountCardClient client = client().observationRegistry(registry).build();
        for (int i = 0; i < 5; i++) {
            String code = "RANDOM_" + Long.toHexString(ThreadLocalRandom.current().nextLong()).toUpperCase();
            server.answer((request) -> new Reply(400, Map.of(),
                    ("{\"code\":\"" + code + "\",\"message\":\"m\"}").getBytes(StandardCharsets.UTF_8)));
            assertThatThrownBy(() -> client.getOrder("ORDER-A").block())
                .isInstanceOfSatisfying(WechatPayServiceException.class, (ex) -> {
                    assertThat(ex.code()).isEqualTo(code);
                    assertThat(ex.signatureVerified()).isFalse();
                });
        }
        assertThat(stopped).hasSize(5).allSatisfy((context) -> assertThat(
                context.getLowCardinalityKeyValue("error.code").getValue()).isEqualTo("OTHER"));
    }

    @Test
    void documentedCodesAndVerifiedCodesKeepTheirTag() {
        ObservationRegistry registry = ObservationRegistry.create();
        List<Observation.Context> stopped = stoppedContexts(registry);
        WebClientDiscountCardClient client = client().observationRegistry(registry).build();
        server.answer((request) -> new Reply(429, Map.of(),
                "{\"code\":\"FREQUENCY_LIMITED\"}".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> client.getOrder("ORDER-A").block()).isInstanceOf(WechatPayServiceException.class);
        byte[] signed = "{\"code\":\"CARD_NOT_ACTIVE\"}".getBytes(StandardCharsets.UTF_8);
        server.answer((request) -> new Reply(400, wechat.sign(signed), signed));
        assertThatThrownBy(() -> client.getOrder("ORDER-A").block()).isInstanceOf(WechatPayServiceException.class);
        byte[] odd = "{\"code\":\"lower-case\"}".getBytes(StandardCharsets.UTF_8);
        server.answer((request) -> new Reply(400, wechat.sign(odd), odd));
        assertThatThrownBy(() -> client.getOrder("ORDER-A").block()).isInstanceOf(WechatPayServiceException.class);
        assertThat(stopped).extracting((context) -> context.getLowCardinalityKeyValue("error.code")
            .getValue()).containsExactly("FREQUENCY_LIMITED", "CARD_NOT_ACTIVE", "OTHER");
    }

    @Test
    void anEightKilobyteRequestIdWithNextLineIsCappedAndEscapedEverywhere() {
        // about 8 KB: what fits under Reactor Netty's 8 KiB limit for all headers together
        String requestId = "RID\u0085" + "x".repeat(8000);
        server.answer((request) -> new Reply(500, Map.of("Request-ID", requestId),
                "{\"code\":\"SYSTEM_ERROR\",\"message\":\"down\u2028\u0085again\"}".getBytes(StandardCharsets.UTF_8)));
        ListAppender<ILoggingEvent> appender = ResilienceTests.capture(Level.DEBUG);
        try {
            assertThatThrownBy(() -> client().build().getOrder("ORDER-A").block())
                .isInstanceOfSatisfying(WechatPayServiceException.class, (ex) -> {
                    assertThat(ex.requestId()).startsWith("RID\\u0085x").hasSizeLessThanOrEqualTo(64);
                    assertThat(ex.errorMessage()).isEqualTo("down\\u2028\\u0085again");
                    assertThat(ex.getMessage()).contains("RID\\u0085x").doesNotContain("\u0085", "\u2028")
                        .hasSizeLessThan(600);
                });
            List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(lines).singleElement().satisfies((line) -> assertThat(line).contains("RID\\u0085x")
                .doesNotContain("\u0085", "x".repeat(65)).hasSizeLessThan(600));
        }
        finally {
            ResilienceTests.release(appender);
        }
    }

    @Test
    void aClientBuiltWithoutAConnectorNeverAsksForACompressedAnswer() {
        server.answer((request) -> wechat.ok(order("ORDER-A", "TRADE-A")));
        client().build().getOrder("ORDER-A").block();
        assertThat(server.received()).last().satisfies((request) -> assertThat(request.acceptEncoding()).isNull());
        client().build().api().call(WechatPayRequest.get("/v3/anything"), byte[].class).block();
        assertThat(server.received()).last().satisfies((request) -> assertThat(request.acceptEncoding()).isNull());
    }
}
