package io.github.discountcard.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.github.discountcard.core.PemKeys;
import io.github.discountcard.core.RequestSigner;
import io.github.discountcard.core.ResponseSignature;
import io.github.discountcard.core.ResponseVerifier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class SimulatorLifecycleTest {

    @Test
    void startsOnARandomLoopbackPortAndCloses() throws IOException {
        DiscountCardSimulator simulator = DiscountCardSimulator.builder().build();
        assertThat(simulator.isRunning()).isFalse();
        assertThatIllegalStateException().isThrownBy(simulator::baseUrl);
        int port;
        try (simulator) {
            assertThat(simulator.start()).isSameAs(simulator);
            port = simulator.port();
            assertThat(port).isPositive();
            assertThat(simulator.baseUrl()).isEqualTo("http://127.0.0.1:" + port);
            assertThat(simulator.uri("/v3/certificates").toString()).isEqualTo(simulator.baseUrl() + "/v3/certificates");
            assertThatIllegalStateException().isThrownBy(simulator::start);
            new Socket("127.0.0.1", port).close();
        }
        assertThat(simulator.isRunning()).isFalse();
        assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> new Socket("127.0.0.1", port).close());
        simulator.close(); // idempotent

        // it can start again (on a new port), keeping orders and merchants
        simulator.createOrder("kept");
        try (simulator) {
            simulator.start();
            assertThat(simulator.order("kept")).isPresent();
        }
    }

    @Test
    void createOrderFillsPlausibleValues() {
        Clock clock = Clock.fixed(Instant.parse("2015-05-20T05:29:35.120Z"), ZoneOffset.UTC);
        DiscountCardSimulator simulator = DiscountCardSimulator.builder().clock(clock).build(); // never started
        SimulatedOrder order = simulator.createOrder("233bcbf407e87789b8e471f251774f95");
        assertThat(order.state()).isEqualTo("CREATED");
        assertThat(order.outTradeNo()).hasSizeLessThanOrEqualTo(32).matches("[A-Za-z0-9]+");
        assertThat(order.createTime().toString()).isEqualTo("2015-05-20T13:29:35.120+08:00");
        assertThat(order.cardEndTime()).isAfter(order.cardBeginTime());
        assertThat(order.estimatedRewardAmount()).isZero();
        assertThat(order.objectives()).isEmpty();
        assertThat(simulator.order("233bcbf407e87789b8e471f251774f95")).contains(order);
        assertThat(simulator.orderByOutTradeNo(order.outTradeNo())).contains(order);
        SimulatedOrder other = simulator.createOrder("other", "T_1-2|3*");
        assertThat(other.outTradeNo()).isEqualTo("T_1-2|3*");
        assertThat(other.orderId()).isNotEqualTo(order.orderId());
        assertThat(simulator.orders()).containsExactlyInAnyOrder(order, other);

        assertThatIllegalStateException().isThrownBy(() -> simulator.createOrder("other"));
        assertThatIllegalStateException().isThrownBy(() -> simulator.createOrder("third", "T_1-2|3*"));
        assertThatIllegalArgumentException().isThrownBy(() -> simulator.createOrder("x".repeat(65)));
        assertThatIllegalArgumentException().isThrownBy(() -> simulator.createOrder("y", "no spaces"));
        assertThat(simulator.updateOrder("other", (o) -> o.withState("SOME_FUTURE_STATE")).state())
            .isEqualTo("SOME_FUTURE_STATE");
        simulator.clearOrders();
        assertThat(simulator.orders()).isEmpty();
    }

    @Test
    void testMerchantsHaveFreshKeysAndHideThem() {
        TestMerchant merchant = TestMerchant.generate("1900000109");
        assertThat(merchant.mchId()).isEqualTo("1900000109");
        assertThat(merchant.serialNumber()).matches("[0-9A-F]{40}");
        assertThat(merchant.apiV3Key()).hasSize(32);
        assertThat(PemKeys.privateKey(merchant.privateKeyPem())).isEqualTo(merchant.privateKey());
        assertThat(PemKeys.publicKey(merchant.publicKeyPem())).isEqualTo(merchant.publicKey());
        assertThat(merchant.toString()).contains("1900000109", merchant.serialNumber())
            .doesNotContain(merchant.apiV3Key())
            .doesNotContain(merchant.privateKeyPem().lines().skip(1).findFirst().orElseThrow());
        assertThat(TestMerchant.generate("1900000109").serialNumber()).isNotEqualTo(merchant.serialNumber());
        RequestSigner signer = merchant.signer();
        assertThat(signer.mchId()).isEqualTo("1900000109");
    }

    @Test
    void pemWriterOutputReadsBackWithTheCore() throws IOException {
        try (DiscountCardSimulator simulator = DiscountCardSimulator.builder().mode(SigningMode.MIXED).build()) {
            String certificate = PemWriter.certificate(simulator.platformCertificate());
            assertThat(certificate).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
            assertThat(PemKeys.certificate(certificate)).isEqualTo(simulator.platformCertificate());
            assertThat(PemKeys.publicKey(PemWriter.publicKey(simulator.platformPublicKey())))
                .isEqualTo(simulator.platformPublicKey());
            assertThat(certificate.lines().filter((line) -> !line.startsWith("-----")))
                .allSatisfy((line) -> assertThat(line.length()).isLessThanOrEqualTo(64));
        }
    }

    @Test
    void aMerchantMadeFromTheSpecVectorsAndADefaultJdkClientWork() throws Exception {
        Path vectors = Path.of(System.getProperty("wechatpay.spec.dir", "../../shared/spec"), "vectors");
        Assumptions.assumeTrue(Files.isDirectory(vectors), "spec vectors not found at " + vectors);
        KeyPair keyPair = new KeyPair(
                PemKeys.publicKey(Files.readString(vectors.resolve("merchant-test-public-key.pem"))),
                PemKeys.privateKey(Files.readString(vectors.resolve("merchant-test-private-key.pem"))));
        TestMerchant merchant = TestMerchant.of("1900000109", "5157F09EFDC096DE15EBE81A47057A7232F1B8E1", keyPair,
                "TestApiV3Key0123456789abcdefABCD");
        try (DiscountCardSimulator simulator = DiscountCardSimulator.builder().build().start()) {
            simulator.registerMerchant(merchant);
            simulator.createOrder("vector-order");
            String path = "/v3/discount-card/orders/vector-order";
            // the JDK default prefers HTTP/2 and asks for an h2c upgrade: the simulator answers in HTTP/1.1
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(simulator.uri(path))
                .header("Authorization", merchant.signer().authorization("GET", path, new byte[0]))
                .timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            new ResponseVerifier(simulator.verificationKeys()).verify(
                    ResponseSignature.from((name) -> response.headers().firstValue(name).orElse(null)), response.body());
        }
    }
}
