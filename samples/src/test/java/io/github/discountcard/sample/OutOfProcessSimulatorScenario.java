package io.github.discountcard.sample;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.discountcard.test.PemWriter;
import io.github.discountcard.test.SimulatorMain;
import io.github.discountcard.test.TestMerchant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app, configured as for the real API ({@code wechatpay.*}, so no demo mode), against a
 * {@link SimulatorMain} in another process: it knows only what a real deployment knows up front (its merchant
 * keys, the WeChat Pay public key and id, the base URL). Subclasses start the simulator from {@link #simulatorEnv()}
 * and say where it listens and what else the application needs to reach it (e.g. an SSL bundle that trusts its
 * certificate); everything stays on loopback.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OutOfProcessSimulatorScenario {

    static final String PLATFORM_KEY_ID = "PUB_KEY_ID_0114232134912410000000000000";

    static final String ORDER_TO_GET = "OOP-ORDER-GET";

    static final String ORDER_TO_PATCH = "OOP-ORDER-PATCH";

    static final String CARD_TEMPLATE = "OOP-TEMPLATE";

    private final TestMerchant merchant = TestMerchant.generate();

    private final KeyPair platform = rsaKeyPair();

    private ConfigurableApplicationContext app;

    private WebTestClient http;

    /**
     * Starts the simulator with this environment and says how the application reaches it: a loopback
     * {@code http://} URL, or an {@code https://} one with the arguments that make the application trust it.
     */
    abstract SimulatorEndpoint startSimulator(Map<String, String> env) throws Exception;

    abstract void stopSimulator() throws Exception;

    /**
     * What {@link SimulatorMain} reads: the merchant to register, the platform key to sign with, the orders and the
     * card template.
     */
    final Map<String, String> simulatorEnv() {
        return simulatorEnv(this.merchant, this.platform);
    }

    /** {@link #simulatorEnv()} for any merchant and platform key pair, keys as PEM text. */
    static Map<String, String> simulatorEnv(TestMerchant merchant, KeyPair platform) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(SimulatorMain.MCH_ID, merchant.mchId());
        env.put(SimulatorMain.MERCHANT_SERIAL_NUMBER, merchant.serialNumber());
        env.put(SimulatorMain.MERCHANT_PUBLIC_KEY, merchant.publicKeyPem());
        env.put(SimulatorMain.MERCHANT_API_V3_KEY, merchant.apiV3Key());
        env.put(SimulatorMain.PLATFORM_PRIVATE_KEY, PemWriter.privateKey(platform.getPrivate()));
        env.put(SimulatorMain.PLATFORM_PUBLIC_KEY_ID, PLATFORM_KEY_ID);
        env.put(SimulatorMain.ORDERS, ORDER_TO_GET + "," + ORDER_TO_PATCH);
        env.put(SimulatorMain.CARD_TEMPLATES, CARD_TEMPLATE);
        return env;
    }

    @BeforeAll
    void startSimulatorAndSample() throws Exception {
        SimulatorEndpoint simulator = startSimulator(simulatorEnv());
        // command-line arguments outrank any WECHATPAY_* variables of the machine
        List<String> args = new ArrayList<>(List.of(
                "--server.address=127.0.0.1",
                "--server.port=0",
                "--sample.simulator.enabled=false",
                "--wechatpay.mch-id=" + this.merchant.mchId(),
                "--wechatpay.merchant-serial-number=" + this.merchant.serialNumber(),
                "--wechatpay.private-key=" + this.merchant.privateKeyPem(),
                "--wechatpay.api-v3-key=" + this.merchant.apiV3Key(),   // the sample handles notifications
                "--wechatpay.public-key=" + PemWriter.publicKey(this.platform.getPublic()),
                "--wechatpay.public-key-id=" + PLATFORM_KEY_ID,
                "--wechatpay.base-url=" + simulator.baseUrl(),
                "--sample.cards.card-template-id=" + CARD_TEMPLATE,
                "--sample.cards.appid=wxd678efh567hg6787",
                "--sample.cards.notify-url=https://shop.example.com/wechatpay/discount-card/notifications"));
        args.addAll(simulator.applicationArguments());
        this.app = new SpringApplicationBuilder(SampleApplication.class).run(args.toArray(String[]::new));
        int port = this.app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        this.http = WebTestClient.bindToServer()
            .baseUrl("http://127.0.0.1:" + port)
            .responseTimeout(Duration.ofSeconds(30))
            .build();
    }

    @AfterAll
    void stopSampleAndSimulator() throws Exception {
        try {
            if (this.app != null) {
                this.app.close();
            }
        }
        finally {
            stopSimulator();
        }
    }

    @Test
    void theSampleIsNotInDemoMode() {
        assertThat(this.app.getEnvironment().getProperty(DemoSimulatorInitializer.DEMO_MODE_PROPERTY)).isNull();
        assertThat(this.app.containsBean("wechatpayDemoSimulator")).isFalse();
    }

    @Test
    void getReturnsTheSeededOrder() {
        this.http.get().uri("/orders/{no}", ORDER_TO_GET).exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.out_order_no").isEqualTo(ORDER_TO_GET)
            .jsonPath("$.out_trade_no").isNotEmpty()
            .jsonPath("$.state").isEqualTo("CREATED")
            .jsonPath("$.objectives[0]").doesNotExist();
    }

    @Test
    void patchRecordsAnObjective() {
        String body = """
                {"objectives":[{"objective_serial_no":"OOP-OBJ-1","objective_id":123456,
                  "performance_description":"购买商品","performance_type":"INCREASE","count":1,
                  "performance_time":"2015-05-20T13:29:35.120+08:00","remark":"特价商品"}]}
                """;
        this.http.patch().uri("/orders/{no}", ORDER_TO_PATCH).contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.out_order_no").isEqualTo(ORDER_TO_PATCH)
            .jsonPath("$.order_id").isNotEmpty();
        this.http.get().uri("/orders/{no}", ORDER_TO_PATCH).exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.objectives.length()").isEqualTo(1)
            .jsonPath("$.objectives[0].objective_serial_no").isEqualTo("OOP-OBJ-1")
            .jsonPath("$.objectives[0].performance_time").isEqualTo("2015-05-20T13:29:35.120+08:00");
    }

    @Test
    void preparesACardOfTheTemplateTheSimulatorWasStartedWith() {
        this.http.post().uri("/cards").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"out_card_code\":\"OOP-CARD-1\"}")
            .exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.out_card_code").isEqualTo("OOP-CARD-1")
            .jsonPath("$.prepare_card_token").isNotEmpty()
            .jsonPath("$.launch.path").value((String path) -> assertThat(path)
                .startsWith("/pages/get-card/get-card?prepare_card_token="));
        // prepared, not yet claimed by a user: WeChat knows no card yet
        this.http.get().uri("/cards/{code}", "OOP-CARD-1").exchange()
            .expectStatus().isNotFound()
            .expectBody()
            .jsonPath("$.code").isEqualTo("RESOURCE_NOT_EXISTS");
    }

    @Test
    void anUnknownOrderIsNotFoundWithWechatPayCode() {
        this.http.get().uri("/orders/{no}", "OOP-NO-SUCH-ORDER").exchange()
            .expectStatus().isNotFound()
            .expectBody()
            .jsonPath("$.code").isEqualTo("RESOURCE_NOT_EXISTS")
            .jsonPath("$.request_id").isNotEmpty();
    }

    /**
     * Where the simulator listens and what the application needs besides the base URL to reach it.
     * @param baseUrl the simulator's base URL ({@code wechatpay.base-url})
     * @param applicationArguments further command-line arguments for the application, e.g. an SSL bundle
     */
    record SimulatorEndpoint(String baseUrl, List<String> applicationArguments) {

        SimulatorEndpoint {
            applicationArguments = List.copyOf(applicationArguments);
        }

        /** A plain {@code http://} loopback URL: nothing else to configure. */
        static SimulatorEndpoint plain(String baseUrl) {
            return new SimulatorEndpoint(baseUrl, List.of());
        }
    }

    static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
