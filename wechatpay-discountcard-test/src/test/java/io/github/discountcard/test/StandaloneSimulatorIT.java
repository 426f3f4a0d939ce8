package io.github.discountcard.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.github.discountcard.core.PemKeys;
import io.github.discountcard.core.ResponseSignature;
import io.github.discountcard.core.ResponseVerifier;
import io.github.discountcard.core.VerificationKey;
import io.github.discountcard.core.VerificationKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable artifact as a user runs it: {@code java -jar wechatpay-discountcard-test-VERSION-standalone.jar} in a
 * JVM of its own, configured with key files and TLS, reached over https by a client that trusts only the certificate
 * file the simulator wrote, and stopped with SIGTERM as {@code docker stop} does. Runs after {@code package}
 * (Failsafe), which builds the jar.
 */
class StandaloneSimulatorIT {

    private static final String PLATFORM_KEY_ID = "PUB_KEY_ID_0114232134912410000000000000";

    @Test
    void theStandaloneJarServesSignedAnswersOverTlsFromKeyFiles(@TempDir Path directory) throws Exception {
        TestMerchant merchant = TestMerchant.generate("1900000109");
        Files.createDirectories(directory.resolve("keys"));
        KeyPair platform = TestMerchant.rsaKeyPair();
        Path merchantKeyFile = Files.writeString(directory.resolve("keys/merchant-public.pem"),
                merchant.publicKeyPem());
        Path platformKeyFile = Files.writeString(directory.resolve("keys/platform-private.pem"),
                PemWriter.privateKey(platform.getPrivate()));
        Path certificateFile = directory.resolve("out/simulator.crt");
        Path publicKeyFile = directory.resolve("out/wechatpay-public.pem");

        Path jar = Path.of(System.getProperty("simulator.standalone-jar", "target/missing-standalone.jar"));
        assertThat(jar).as("the standalone jar (built by `package`)").isRegularFile();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "0")
            .redirectErrorStream(true);
        builder.environment().keySet().removeIf((name) -> name.startsWith("SIMULATOR_"));
        builder.environment().put(SimulatorMain.MCH_ID, merchant.mchId());
        builder.environment().put(SimulatorMain.MERCHANT_SERIAL_NUMBER, merchant.serialNumber());
        builder.environment().put(SimulatorMain.MERCHANT_PUBLIC_KEY, merchantKeyFile.toString());
        builder.environment().put(SimulatorMain.PLATFORM_PRIVATE_KEY, platformKeyFile.toString());
        builder.environment().put(SimulatorMain.PLATFORM_PUBLIC_KEY_ID, PLATFORM_KEY_ID);
        builder.environment().put(SimulatorMain.PLATFORM_PUBLIC_KEY_FILE, publicKeyFile.toString());
        builder.environment().put(SimulatorMain.ORDERS, "JAR-ORDER");
        builder.environment().put(SimulatorMain.TLS, "true");
        builder.environment().put(SimulatorMain.TLS_CERTIFICATE_FILE, certificateFile.toString());
        Process process = builder.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                in.lines().forEach(lines::add);
            }
            catch (IOException ex) {
                lines.add("read failed: " + ex);
            }
        }, "standalone-simulator-output");
        reader.setDaemon(true);
        reader.start();
        List<String> seen = new ArrayList<>();
        try {
            // loopback unless told otherwise
            Pattern ready = Pattern.compile(Pattern.quote(SimulatorMain.READY) + "(https://127\\.0\\.0\\.1:\\d+)");
            String baseUrl = null;
            while (baseUrl == null) {
                String line = lines.poll(60, TimeUnit.SECONDS);
                assertThat(line).as("the ready line; seen so far: %s", seen).isNotNull();
                seen.add(line);
                Matcher matcher = ready.matcher(line);
                if (matcher.matches()) {
                    baseUrl = matcher.group(1);
                }
            }
            // what the application is configured with: the written certificate and public key files, the key id
            X509Certificate trusted = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certificateFile)));
            VerificationKeys keys = new VerificationKeys(List.of(VerificationKey.publicKey(PLATFORM_KEY_ID,
                    PemKeys.publicKey(Files.readString(publicKeyFile)), null)));
            assertThat(keys.find(PLATFORM_KEY_ID)).isNotNull();

            String path = "/v3/discount-card/orders/JAR-ORDER";
            HttpResponse<byte[]> response = trusting(trusted).send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", merchant.signer().authorization("GET", path, new byte[0]))
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.sslSession()).isPresent();
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"out_order_no\":\"JAR-ORDER\"");
            assertThat(new ResponseVerifier(keys).verify(
                    ResponseSignature.from((name) -> response.headers().firstValue(name).orElse(null)),
                    response.body()).id()).isEqualTo(PLATFORM_KEY_ID);

            // SIGTERM; unlike Process#destroy, the handle's destroy leaves the output pipe open to read to the end
            assertThat(process.toHandle().destroy()).isTrue();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
            reader.join(10_000);
            lines.drainTo(seen);
            assertThat(seen).contains("Merchant 1900000109 registered with serial " + merchant.serialNumber(),
                    "Orders seeded: JAR-ORDER", "TLS certificate written to " + certificateFile.toAbsolutePath(),
                    "DiscountCardSimulator stopping");
            assertThat(seen).noneMatch((line) -> line.contains("PRIVATE KEY"));
            assertThat(process.exitValue()).isEqualTo(143); // 128 + SIGTERM
        }
        finally {
            process.destroyForcibly();
        }
    }

    private static HttpClient trusting(X509Certificate certificate) throws Exception {
        KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
        trustStore.load(null, null);
        trustStore.setCertificateEntry("simulator", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }
}
