package io.github.discountcard.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.discountcard.core.ResponseSignature;
import io.github.discountcard.core.ResponseVerifier;
import io.github.discountcard.core.VerificationKey;
import io.github.discountcard.core.VerificationKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SimulatorMain}'s settings and start, in-process (the standalone jar as a process of its own: {@link StandaloneSimulatorIT}). */
class SimulatorMainTest {

    private static final String PLATFORM_KEY_ID = "PUB_KEY_ID_0114232134912410000000000000";

    private static final TestMerchant MERCHANT = TestMerchant.generate("1900000109");

    private static final KeyPair PLATFORM = TestMerchant.rsaKeyPair();

    private static final HttpClient HTTP = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    /** What a client in another process knows up front: the merchant's keys and the platform public key. */
    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put(SimulatorMain.HOST, "127.0.0.1");
        env.put(SimulatorMain.PORT, "0");
        env.put(SimulatorMain.MCH_ID, MERCHANT.mchId());
        env.put(SimulatorMain.MERCHANT_SERIAL_NUMBER, MERCHANT.serialNumber());
        env.put(SimulatorMain.MERCHANT_PUBLIC_KEY, MERCHANT.publicKeyPem());
        env.put(SimulatorMain.PLATFORM_PRIVATE_KEY, PemWriter.privateKey(PLATFORM.getPrivate()));
        env.put(SimulatorMain.PLATFORM_PUBLIC_KEY_ID, PLATFORM_KEY_ID);
        env.put(SimulatorMain.ORDERS, "ORDER-A, ORDER-B,,ORDER-A");
        env.put(SimulatorMain.CARD_TEMPLATES, "TEMPLATE-A,TEMPLATE-A");
        return env;
    }

    @Test
    void startsFromTheEnvironmentForAClientThatKnowsThePlatformKeyUpFront() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (DiscountCardSimulator simulator = SimulatorMain.start(env(), List.of(),
                new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            assertThat(simulator.isRunning()).isTrue();
            assertThat(simulator.baseUrl()).isEqualTo("http://127.0.0.1:" + simulator.port());
            assertThat(simulator.platformPublicKeyId()).isEqualTo(PLATFORM_KEY_ID);
            assertThat(simulator.platformPublicKey()).isEqualTo(PLATFORM.getPublic());
            assertThat(simulator.orders()).extracting(SimulatedOrder::outOrderNo).containsExactly("ORDER-A", "ORDER-B");
            assertThat(simulator.cardTemplates()).containsExactly(CardTemplate.sample("TEMPLATE-A"));

            HttpResponse<byte[]> response = get(simulator.baseUrl(), "/v3/discount-card/orders/ORDER-B");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"out_order_no\":\"ORDER-B\"");
            // verified with nothing but the key and id the client was configured with
            VerificationKeys known = new VerificationKeys(
                    List.of(VerificationKey.publicKey(PLATFORM_KEY_ID, PLATFORM.getPublic(), null)));
            assertThat(new ResponseVerifier(known).verify(
                    ResponseSignature.from((name) -> response.headers().firstValue(name).orElse(null)),
                    response.body()).id()).isEqualTo(PLATFORM_KEY_ID);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8))
            .contains("Merchant 1900000109 registered with serial " + MERCHANT.serialNumber())
            .contains("Orders seeded: ORDER-A, ORDER-B")
            .contains("Card templates registered: TEMPLATE-A")
            .contains("Signing responses with WeChat Pay public key " + PLATFORM_KEY_ID)
            .doesNotContain("PRIVATE KEY");
    }

    @Test
    void theArgumentPortWinsAndEscapedPemLineBreaksAreRead() {
        Map<String, String> env = env();
        env.put(SimulatorMain.PORT, "not a port");
        env.put(SimulatorMain.MERCHANT_PUBLIC_KEY, MERCHANT.publicKeyPem().replace("\n", "\\n"));
        env.put(SimulatorMain.PLATFORM_PRIVATE_KEY, PemWriter.privateKey(PLATFORM.getPrivate()).replace("\n", "\\n"));
        env.put(SimulatorMain.MERCHANT_API_V3_KEY, MERCHANT.apiV3Key());
        SimulatorMain.Settings settings = SimulatorMain.Settings.from(env, List.of("18080"));
        assertThat(settings.port()).isEqualTo(18080);
        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.merchant()).isNotNull();
        assertThat(settings.merchant().publicKey()).isEqualTo(MERCHANT.publicKey());
        assertThat(settings.merchant().apiV3Key()).isEqualTo(MERCHANT.apiV3Key());
        assertThat(settings.merchant().toString()).doesNotContain(MERCHANT.apiV3Key());
        assertThat(settings.platform()).isNotNull();
        assertThat(settings.platform().keyPair().getPublic()).isEqualTo(PLATFORM.getPublic());
        assertThat(settings.platform().keyPair().getPrivate()).isEqualTo(PLATFORM.getPrivate());
        assertThat(settings.platform().publicKeyId()).isEqualTo(PLATFORM_KEY_ID);
    }

    @Test
    void withoutSettingsItListensOnLoopbackOnPort8080OverHttpAndGeneratesItsKey() {
        SimulatorMain.Settings settings = SimulatorMain.Settings.from(Map.of(), List.of());
        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.tls()).isNull();
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.merchant()).isNull();
        assertThat(settings.platform()).isNull();
        assertThat(settings.orders()).isEmpty();
        // blank counts as unset
        assertThat(SimulatorMain.Settings.from(Map.of(SimulatorMain.PORT, " ", SimulatorMain.MCH_ID, ""), List.of())
            .port()).isEqualTo(8080);
    }

    @Test
    void keysAreReadFromFilesWhenTheValuesArePaths(@TempDir Path directory) throws IOException {
        Path merchantKey = Files.writeString(directory.resolve("merchant.pem"), MERCHANT.publicKeyPem());
        Path platformKey = Files.writeString(directory.resolve("platform-private.pem"),
                PemWriter.privateKey(PLATFORM.getPrivate()));
        Map<String, String> env = env();
        env.put(SimulatorMain.MERCHANT_PUBLIC_KEY, merchantKey.toString());
        env.put(SimulatorMain.PLATFORM_PRIVATE_KEY, " " + platformKey + "\n");
        SimulatorMain.Settings settings = SimulatorMain.Settings.from(env, List.of());
        assertThat(settings.merchant().publicKey()).isEqualTo(MERCHANT.publicKey());
        assertThat(settings.platform().keyPair().getPrivate()).isEqualTo(PLATFORM.getPrivate());
        assertThat(settings.platform().keyPair().getPublic()).isEqualTo(PLATFORM.getPublic());
    }

    @Test
    void tlsNamesLocalhostAndTheLoopbackAddressUnlessTold(@TempDir Path directory) {
        Map<String, String> env = env();
        env.put(SimulatorMain.TLS, "TRUE");
        assertThat(SimulatorMain.Settings.from(env, List.of()).tls())
            .isEqualTo(new SimulatorMain.Tls(List.of("localhost", "127.0.0.1"), null));
        env.put(SimulatorMain.HOST, "10.1.2.3");
        assertThat(SimulatorMain.Settings.from(env, List.of()).tls().hostnames())
            .containsExactly("localhost", "127.0.0.1", "10.1.2.3");
        env.put(SimulatorMain.HOST, "0.0.0.0");
        env.put(SimulatorMain.TLS_HOSTNAMES, "wechatpay-simulator, localhost,,wechatpay-simulator");
        env.put(SimulatorMain.TLS_CERTIFICATE_FILE, directory.resolve("certs/simulator.crt").toString());
        assertThat(SimulatorMain.Settings.from(env, List.of()).tls()).isEqualTo(new SimulatorMain.Tls(
                List.of("wechatpay-simulator", "localhost"), directory.resolve("certs/simulator.crt")));
    }

    @Test
    void aSimulatorWithoutMerchantOrPlatformKeyPrintsItsGeneratedPublicKey() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (DiscountCardSimulator simulator = SimulatorMain.start(Map.of(SimulatorMain.HOST, "127.0.0.1"),
                List.of("0"), new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("No merchant configured (SIMULATOR_MCH_ID)")
                .contains("Generated WeChat Pay public key " + simulator.platformPublicKeyId() + ":\n"
                        + PemWriter.publicKey(simulator.platformPublicKey()));
        }
    }

    @Test
    void badSettingsAreRefusedNamingTheVariable() {
        assertRefused(without(SimulatorMain.MERCHANT_PUBLIC_KEY), "SIMULATOR_MERCHANT_PUBLIC_KEY is not set");
        assertRefused(without(SimulatorMain.MCH_ID, SimulatorMain.MERCHANT_SERIAL_NUMBER),
                "SIMULATOR_MCH_ID, SIMULATOR_MERCHANT_SERIAL_NUMBER are not set");
        assertRefused(without(SimulatorMain.PLATFORM_PUBLIC_KEY_ID), "SIMULATOR_PLATFORM_PUBLIC_KEY_ID is not set");
        assertRefused(with(SimulatorMain.PORT, "65536"), "SIMULATOR_PORT must be a port number");
        assertRefused(with(SimulatorMain.MERCHANT_PUBLIC_KEY, "-----BEGIN PUBLIC KEY-----\\nnot a key"),
                "SIMULATOR_MERCHANT_PUBLIC_KEY: ");
        assertRefused(with(SimulatorMain.MERCHANT_PUBLIC_KEY, "/no/such/merchant.pem"),
                "SIMULATOR_MERCHANT_PUBLIC_KEY must be PEM text (-----BEGIN …) or the path of a readable PEM file, "
                        + "but '/no/such/merchant.pem' is neither");
        // a private key pasted without its PEM lines is a secret: not echoed
        String pastedSecret = PemWriter.privateKey(PLATFORM.getPrivate()).lines()
            .filter((line) -> !line.startsWith("-----"))
            .reduce("", String::concat);
        assertThatIllegalArgumentException()
            .isThrownBy(() -> SimulatorMain.Settings.from(with(SimulatorMain.PLATFORM_PRIVATE_KEY, pastedSecret),
                    List.of()))
            .withMessageContaining("SIMULATOR_PLATFORM_PRIVATE_KEY must be PEM text")
            .withMessageContaining("(value not shown)")
            .withMessageNotContaining(pastedSecret.substring(0, 40));
        assertRefused(with(SimulatorMain.TLS, "yes"), "SIMULATOR_TLS must be true or false but was 'yes'");
        assertRefused(with(SimulatorMain.TLS_CERTIFICATE_FILE, "/tmp/x.crt"),
                "SIMULATOR_TLS_CERTIFICATE_FILE is set but TLS is off: set SIMULATOR_TLS=true too");
        assertRefused(with(SimulatorMain.TLS_HOSTNAMES, "simulator"),
                "SIMULATOR_TLS_HOSTNAMES is set but TLS is off");
        assertRefused(with(SimulatorMain.PLATFORM_PRIVATE_KEY, MERCHANT.publicKeyPem()),
                "SIMULATOR_PLATFORM_PRIVATE_KEY: ");
        assertRefused(with(SimulatorMain.PLATFORM_PUBLIC_KEY_ID, "0114232134912410000000000000"),
                "SIMULATOR_PLATFORM_PUBLIC_KEY_ID: ");
        assertRefused(with(SimulatorMain.MERCHANT_API_V3_KEY, "short"), "SIMULATOR_MERCHANT_API_V3_KEY must have 32");
        assertRefused(with(SimulatorMain.ORDERS, "x".repeat(65)), "out_order_no must have 1 to 64 characters");
        assertRefused(with(SimulatorMain.CARD_TEMPLATES, "t".repeat(65)),
                "SIMULATOR_CARD_TEMPLATES names a template id of more than 64 characters");
        assertThatIllegalArgumentException().isThrownBy(() -> SimulatorMain.Settings.from(env(), List.of("1", "2")))
            .withMessageContaining("at most one argument");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> SimulatorMain.Settings.from(env(), List.of("http")))
            .withMessageContaining("The port argument must be a port number");
    }

    @Test
    void theBuilderChecksAGivenPlatformKey() {
        KeyPair mismatched = new KeyPair(MERCHANT.publicKey(), PLATFORM.getPrivate());
        assertThatIllegalArgumentException()
            .isThrownBy(() -> DiscountCardSimulator.builder().platformKey(mismatched, PLATFORM_KEY_ID))
            .withMessageContaining("does not belong to the private key");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> DiscountCardSimulator.builder().platformKey(PLATFORM, "PUB_KEY_ID_"))
            .withMessageContaining("PUB_KEY_ID_");
        assertThatIllegalStateException()
            .isThrownBy(() -> DiscountCardSimulator.builder()
                .mode(SigningMode.CERTIFICATE)
                .platformKey(PLATFORM, PLATFORM_KEY_ID)
                .build())
            .withMessageContaining("CERTIFICATE mode");
        DiscountCardSimulator mixed = DiscountCardSimulator.builder()
            .mode(SigningMode.MIXED)
            .platformKey(PLATFORM, PLATFORM_KEY_ID)
            .build();
        assertThat(mixed.platformPublicKeyId()).isEqualTo(PLATFORM_KEY_ID);
        assertThat(mixed.platformCertificate().getPublicKey()).isNotEqualTo(PLATFORM.getPublic());
    }

    private static HttpResponse<byte[]> get(String baseUrl, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Authorization", MERCHANT.signer().authorization("GET", path, new byte[0]))
            .header("Accept", "application/json")
            .timeout(Duration.ofSeconds(10))
            .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Map<String, String> without(String... names) {
        Map<String, String> env = env();
        for (String name : names) {
            env.remove(name);
        }
        return env;
    }

    private static Map<String, String> with(String name, String value) {
        Map<String, String> env = env();
        env.put(name, value);
        return env;
    }

    private static void assertRefused(Map<String, String> env, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> SimulatorMain.Settings.from(env, List.of()))
            .withMessageContaining(message);
    }
}
