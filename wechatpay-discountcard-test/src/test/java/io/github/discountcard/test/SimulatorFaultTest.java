package io.github.discountcard.test;

import static io.github.discountcard.test.Bodies.orderPath;
import static io.github.discountcard.test.Bodies.reward;
import static io.github.discountcard.test.Bodies.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.stream.Stream;

import io.github.discountcard.core.ResponseVerifier;
import io.github.discountcard.core.SignatureVerificationException;
import io.github.discountcard.core.VerificationFailure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SimulatorFaultTest {

    @RegisterExtension
    static final DiscountCardSimulatorExtension wechatPay = new DiscountCardSimulatorExtension();

    static final TestMerchant MERCHANT = TestMerchant.generate("1900000109");

    static SignedClient client;

    static int orders;

    String path;

    String outOrderNo;

    @BeforeAll
    static void register(DiscountCardSimulator simulator) {
        simulator.registerMerchant(MERCHANT);
        client = new SignedClient(simulator, MERCHANT);
    }

    @BeforeEach
    void createOrder(DiscountCardSimulator simulator) {
        this.outOrderNo = "fault-" + (++orders);
        this.path = orderPath(this.outOrderNo);
        simulator.createOrder(this.outOrderNo);
    }

    SignedClient.Response patch(long amount) throws IOException {
        return client.patch(this.path, update(reward("r-" + amount, "INCREASE", amount)));
    }

    long estimate(DiscountCardSimulator simulator) {
        return simulator.order(this.outOrderNo).orElseThrow().estimatedRewardAmount();
    }

    @Test
    void serverErrorIsSystemErrorAndLeavesTheOrder(DiscountCardSimulator simulator) throws IOException {
        simulator.failNext(Fault.SERVER_ERROR);
        SignedClient.Response failed = patch(100);
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.code()).isEqualTo("SYSTEM_ERROR");
        assertThat(failed.header("Request-ID")).isNotBlank();
        client.verify(failed);
        assertThat(estimate(simulator)).isZero();
        assertThat(patch(100).status()).isEqualTo(200); // only the next request failed
        assertThat(estimate(simulator)).isEqualTo(100);
    }

    @Test
    void tooManyRequestsIsFrequencyLimitedWithRetryAfter(DiscountCardSimulator simulator) throws IOException {
        simulator.failNext(Fault.TOO_MANY_REQUESTS, 2);
        for (int i = 0; i < 2; i++) {
            SignedClient.Response limited = patch(100);
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.code()).isEqualTo("FREQUENCY_LIMITED");
            assertThat(limited.header("Retry-After")).isEqualTo("1");
            client.verify(limited);
        }
        assertThat(estimate(simulator)).isZero();
        assertThat(patch(100).status()).isEqualTo(200);
    }

    @Test
    void connectionResetGivesAnIOExceptionBeforeApplying(DiscountCardSimulator simulator) {
        simulator.failNext(Fault.CONNECTION_RESET);
        assertThatExceptionOfType(IOException.class).isThrownBy(() -> patch(100));
        assertThat(estimate(simulator)).isZero();
        assertThat(simulator.requests()).singleElement().satisfies((request) -> {
            assertThat(request.connectionReset()).isTrue();
            assertThat(request.status()).isEqualTo(ReceivedRequest.NO_RESPONSE);
        });
    }

    @Test
    void connectionResetAfterApplyGivesAnIOExceptionButApplies(DiscountCardSimulator simulator) throws IOException {
        simulator.failNext(Fault.CONNECTION_RESET_AFTER_APPLY);
        assertThatExceptionOfType(IOException.class).isThrownBy(() -> patch(100));
        assertThat(estimate(simulator)).isEqualTo(100);
        // the client's retry (signed afresh) is idempotent
        assertThat(patch(100).status()).isEqualTo(200);
        assertThat(estimate(simulator)).isEqualTo(100);
        assertThat(simulator.order(this.outOrderNo).orElseThrow().rewards()).hasSize(1);
    }

    @Test
    void aGetNeedsTwoResetsBecauseTheJdkClientResendsItOnce(DiscountCardSimulator simulator) {
        simulator.failNext(Fault.CONNECTION_RESET, 2);
        assertThatExceptionOfType(IOException.class).isThrownBy(() -> client.get(this.path));
        assertThat(simulator.requests()).allSatisfy((request) -> assertThat(request.connectionReset()).isTrue());
    }

    static Stream<Arguments> signatureFaults() {
        return Stream.of(Arguments.of(Fault.BAD_SIGNATURE, VerificationFailure.BAD_SIGNATURE),
                Arguments.of(Fault.MISSING_SIGNATURE, VerificationFailure.MISSING_HEADER),
                Arguments.of(Fault.STALE_TIMESTAMP, VerificationFailure.EXPIRED_TIMESTAMP),
                Arguments.of(Fault.PROBE_SIGNATURE, VerificationFailure.SIGNATURE_PROBE),
                Arguments.of(Fault.UNKNOWN_SERIAL, VerificationFailure.UNKNOWN_SERIAL),
                Arguments.of(Fault.TAMPERED_BODY, VerificationFailure.BAD_SIGNATURE));
    }

    @ParameterizedTest
    @MethodSource("signatureFaults")
    void signatureFaultsFailVerificationButTheUpdateIsApplied(Fault fault, VerificationFailure expected,
            DiscountCardSimulator simulator) throws IOException {
        simulator.failNext(fault);
        SignedClient.Response response = patch(100);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Request-ID")).isNotBlank();
        assertThatThrownBy(() -> client.verify(response)).isInstanceOfSatisfying(SignatureVerificationException.class,
                (ex) -> assertThat(ex.reason()).isEqualTo(expected));
        assertThat(estimate(simulator)).isEqualTo(100);
        client.verify(patch(100)); // the next response is fine again
    }

    @Test
    void signatureFaultsShapeTheHeadersAsDocumented(DiscountCardSimulator simulator) throws IOException {
        simulator.failNext(Fault.PROBE_SIGNATURE);
        assertThat(client.get(this.path).header("Wechatpay-Signature")).startsWith(ResponseVerifier.PROBE_PREFIX);
        simulator.failNext(Fault.MISSING_SIGNATURE);
        SignedClient.Response missing = client.get(this.path);
        assertThat(missing.header("Wechatpay-Signature")).isNull();
        assertThat(missing.header("Wechatpay-Timestamp")).isNotNull();
        simulator.failNext(Fault.STALE_TIMESTAMP);
        long timestamp = Long.parseLong(client.get(this.path).header("Wechatpay-Timestamp"));
        assertThat(System.currentTimeMillis() / 1000 - timestamp).isBetween(590L, 610L);
        simulator.failNext(Fault.UNKNOWN_SERIAL);
        SignedClient.Response unknown = client.get(this.path);
        assertThat(unknown.header("Wechatpay-Serial")).startsWith("PUB_KEY_ID_")
            .isNotEqualTo(simulator.platformPublicKeyId());
        simulator.failNext(Fault.TAMPERED_BODY);
        SignedClient.Response tampered = client.get(this.path);
        assertThat(tampered.json().get("out_order_no")).isNotNull(); // still JSON, one byte changed
        simulator.failNext(Fault.BAD_SIGNATURE);
        byte[] signature = java.util.Base64.getDecoder().decode(client.get(this.path).header("Wechatpay-Signature"));
        assertThat(signature).hasSize(256);
    }

    @Test
    void persistentFaultsLastUntilCleared(DiscountCardSimulator simulator) throws IOException {
        simulator.setFault(Fault.SERVER_ERROR);
        assertThat(patch(1).status()).isEqualTo(500);
        assertThat(patch(1).status()).isEqualTo(500);
        simulator.failNext(Fault.TOO_MANY_REQUESTS); // queued faults come first
        assertThat(patch(1).status()).isEqualTo(429);
        assertThat(patch(1).status()).isEqualTo(500);
        simulator.clearFaults();
        assertThat(patch(1).status()).isEqualTo(200);
        simulator.setFault(Fault.TOO_MANY_REQUESTS);
        simulator.setFault(null);
        assertThat(patch(2).status()).isEqualTo(200);
    }

    @Test
    void queuedFaultsApplyInOrder(DiscountCardSimulator simulator) throws IOException {
        simulator.failNext(Fault.SERVER_ERROR, 2);
        simulator.failNext(Fault.TOO_MANY_REQUESTS, 1);
        assertThat(patch(1).status()).isEqualTo(500);
        assertThat(patch(1).status()).isEqualTo(500);
        assertThat(patch(1).status()).isEqualTo(429);
        assertThat(patch(1).status()).isEqualTo(200);
        assertThat(simulator.requests()).extracting(ReceivedRequest::status).containsExactly(500, 500, 429, 200);
        assertThat(simulator.requestCount()).isEqualTo(4);
    }

    @Test
    void latencyDelaysTheAnswer(DiscountCardSimulator simulator) throws IOException {
        simulator.setLatency(Duration.ofMillis(300));
        try {
            long start = System.nanoTime();
            assertThat(client.get(this.path).status()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
        finally {
            simulator.setLatency(Duration.ZERO);
        }
    }

    @Test
    void requestsAreRecordedExactly(DiscountCardSimulator simulator) throws IOException {
        String body = update(reward("r-rec", "INCREASE", 5));
        client.patch(this.path + "?x=1%202", body);
        assertThat(simulator.requests()).singleElement().satisfies((request) -> {
            assertThat(request.method()).isEqualTo("PATCH");
            assertThat(request.rawTarget()).isEqualTo(this.path + "?x=1%202");
            assertThat(request.rawPath()).isEqualTo(this.path);
            assertThat(request.bodyAsString()).isEqualTo(body);
            assertThat(request.header("authorization")).hasValueSatisfying(
                    (value) -> assertThat(value).startsWith("WECHATPAY2-SHA256-RSA2048 "));
            assertThat(request.status()).isEqualTo(200);
        });
        simulator.reset();
        assertThat(simulator.requests()).isEmpty();
        assertThat(simulator.requestCount()).isZero();
    }
}
