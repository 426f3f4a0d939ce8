package io.github.discountcard.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import io.github.discountcard.core.ResponseSignature;
import io.github.discountcard.core.ResponseVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator over https with a generated certificate, reached by clients that trust only that certificate. */
class SimulatorTlsTest {

    private static final TestMerchant MERCHANT = TestMerchant.generate("1900000109");

    @Test
    void aClientThatTrustsOnlyTheWrittenCertificateGetsVerifiedAnswers(@TempDir Path directory) throws Exception {
        Path certificateFile = directory.resolve("certs/simulator.crt");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Map<String, String> env = Map.of(SimulatorMain.PORT, "0", SimulatorMain.MCH_ID, MERCHANT.mchId(),
                SimulatorMain.MERCHANT_SERIAL_NUMBER, MERCHANT.serialNumber(), SimulatorMain.MERCHANT_PUBLIC_KEY,
                MERCHANT.publicKeyPem(), SimulatorMain.ORDERS, "TLS-ORDER", SimulatorMain.TLS, "true",
                SimulatorMain.TLS_CERTIFICATE_FILE, certificateFile.toString());
        try (DiscountCardSimulator simulator = SimulatorMain.start(env, List.of(),
                new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            assertThat(simulator.baseUrl()).isEqualTo("https://127.0.0.1:" + simulator.port());
            X509Certificate written = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certificateFile)));
            assertThat(written).isEqualTo(simulator.tls().orElseThrow().certificate());
            assertThat(written.getSubjectAlternativeNames()).extracting((name) -> (Object) name.get(1))
                .containsExactly((Object) "localhost", "127.0.0.1");
            assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("TLS certificate for localhost, 127.0.0.1:\n-----BEGIN CERTIFICATE-----")
                .contains("TLS certificate written to " + certificateFile.toAbsolutePath())
                .doesNotContain("PRIVATE KEY");

            HttpClient trusting = client(written);
            String path = "/v3/discount-card/orders/TLS-ORDER";
            HttpResponse<byte[]> response = trusting.send(signedGet(simulator.baseUrl(), path),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.sslSession()).isPresent();
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"out_order_no\":\"TLS-ORDER\"");
            new ResponseVerifier(simulator.verificationKeys()).verify(
                    ResponseSignature.from((name) -> response.headers().firstValue(name).orElse(null)),
                    response.body());
            // by name, as a client in another container reaches it
            assertThat(trusting.send(signedGet("https://localhost:" + simulator.port(), path),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);

            // the JDK's default trust store knows nothing of a generated certificate
            HttpClient defaults = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThatExceptionOfType(SSLHandshakeException.class).isThrownBy(
                    () -> defaults.send(signedGet(simulator.baseUrl(), path), HttpResponse.BodyHandlers.discarding()));
        }
    }

    @Test
    void aCertificateForOtherNamesIsRefusedByHostNameChecks() throws Exception {
        SimulatorTls tls = SimulatorTls.generate(List.of("wechatpay-simulator"));
        assertThat(tls.toString()).isEqualTo("SimulatorTls[wechatpay-simulator]");
        try (DiscountCardSimulator simulator = DiscountCardSimulator.builder().tls(tls).build().start()) {
            simulator.registerMerchant(MERCHANT);
            simulator.createOrder("TLS-ORDER");
            assertThatExceptionOfType(SSLHandshakeException.class)
                .isThrownBy(() -> client(tls.certificate()).send(
                        signedGet(simulator.baseUrl(), "/v3/discount-card/orders/TLS-ORDER"),
                        HttpResponse.BodyHandlers.discarding()));
        }
    }

    @Test
    void namesAreChecked() {
        assertThatIllegalArgumentException().isThrownBy(() -> SimulatorTls.generate(List.of()))
            .withMessageContaining("at least one host name");
        assertThatIllegalArgumentException().isThrownBy(() -> SimulatorTls.generate(List.of("localhost", " ")))
            .withMessageContaining("must not be blank");
    }

    private static HttpClient client(X509Certificate trusted) throws Exception {
        KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
        trustStore.load(null, null);
        trustStore.setCertificateEntry("simulator", trusted);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpRequest signedGet(String baseUrl, String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Authorization", MERCHANT.signer().authorization("GET", path, new byte[0]))
            .header("Accept", "application/json")
            .timeout(Duration.ofSeconds(10))
            .build();
    }
}
