package io.github.discountcard.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;

import io.github.discountcard.client.DiscountCardClient;
import io.github.discountcard.client.WebClientDiscountCardClient;
import io.github.discountcard.core.RequestSigner;
import io.github.discountcard.core.ResponseVerifier;
import io.github.discountcard.core.VerificationKey;
import io.github.discountcard.core.VerificationKeys;
import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.DiscountCardSimulatorExtension;
import io.github.discountcard.test.PemWriter;
import io.github.discountcard.test.SigningMode;
import io.github.discountcard.test.TestMerchant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Every condition, override and failure analysis of {@link WechatPayAutoConfiguration}. */
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class WechatPayAutoConfigurationTests {

    @RegisterExtension
    static final DiscountCardSimulatorExtension extension = new DiscountCardSimulatorExtension(SigningMode.MIXED);

    static final TestMerchant merchant = TestMerchant.generate();

    static DiscountCardSimulator simulator;

    @BeforeAll
    static void setUp() {
        simulator = extension.simulator();
        simulator.registerMerchant(merchant);
        simulator.createOrder("AUTO-1");
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(WechatPayAutoConfiguration.class, WechatPayClientAutoConfiguration.class,
                WechatPayHealthAutoConfiguration.class));

    private final ApplicationContextRunner withWebClient = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, WechatPayAutoConfiguration.class,
                WechatPayClientAutoConfiguration.class,
                WechatPayHealthAutoConfiguration.class));

    static String[] publicKeyMode() {
        return new String[] { "wechatpay.mch-id=" + merchant.mchId(),
                "wechatpay.merchant-serial-number=" + merchant.serialNumber(),
                "wechatpay.private-key=" + merchant.privateKeyPem(),
                "wechatpay.public-key=" + PemWriter.publicKey(simulator.platformPublicKey()),
                "wechatpay.public-key-id=" + simulator.platformPublicKeyId(),
                "wechatpay.base-url=" + simulator.baseUrl() };
    }

    static String[] with(String[] properties, String... more) {
        List<String> all = new ArrayList<>(List.of(properties));
        for (String property : more) {
            String name = property.substring(0, property.indexOf('='));
            all.removeIf((p) -> p.startsWith(name + "="));
            if (!property.endsWith("=<unset>")) {
                all.add(property);
            }
        }
        return all.toArray(String[]::new);
    }

    static String unset(String name) {
        return name + "=<unset>";
    }

    @Test
    void publicKeyModeGivesAWorkingClient() {
        this.withWebClient.withPropertyValues(publicKeyMode()).run((context) -> {
            assertThat(context).hasSingleBean(RequestSigner.class).hasSingleBean(VerificationKeys.class)
                .hasSingleBean(ResponseVerifier.class).hasSingleBean(DiscountCardClient.class);
            assertThat(context.getBean(VerificationKeys.class).find(simulator.platformPublicKeyId())).isNotNull();
            DiscountCardClient client = context.getBean(DiscountCardClient.class);
            assertThat(client.getOrder("AUTO-1").block().outOrderNo()).isEqualTo("AUTO-1");
        });
    }

    @Test
    void worksWithoutBootsWebClientBuilder() {
        this.runner.withPropertyValues(publicKeyMode()).run((context) -> {
            assertThat(context).doesNotHaveBean(WebClient.Builder.class);
            assertThat(context.getBean(DiscountCardClient.class).getOrder("AUTO-1").block().outOrderNo())
                .isEqualTo("AUTO-1");
        });
    }

    @Test
    void certificateModeFromProperties() {
        this.runner.withPropertyValues(with(publicKeyMode(), unset("wechatpay.public-key"),
                unset("wechatpay.public-key-id"),
                "wechatpay.platform-certificates[0]=" + PemWriter.certificate(simulator.platformCertificate())))
            .run((context) -> {
                VerificationKeys keys = context.getBean(VerificationKeys.class);
                assertThat(keys.all()).singleElement()
                    .satisfies((key) -> assertThat(key.kind()).isEqualTo(VerificationKey.Kind.CERTIFICATE));
                // the request names the certificate, so the mixed-mode simulator signs with it
                assertThat(context.getBean(DiscountCardClient.class).getOrder("AUTO-1").block().outOrderNo())
                    .isEqualTo("AUTO-1");
            });
    }

    @Test
    void keysFromResourceLocations(@TempDir Path dir) throws Exception {
        Path privateKey = Files.writeString(dir.resolve("apiclient_key.pem"), merchant.privateKeyPem());
        Path publicKey = Files.writeString(dir.resolve("pub_key.pem"), PemWriter.publicKey(simulator.platformPublicKey()));
        this.runner.withPropertyValues(with(publicKeyMode(), "wechatpay.private-key=file:" + privateKey,
                "wechatpay.public-key=" + publicKey.toUri()))
            .run((context) -> assertThat(context.getBean(DiscountCardClient.class).getOrder("AUTO-1").block())
                .isNotNull());
    }

    @Test
    void disabledByProperty() {
        this.runner.withPropertyValues(with(publicKeyMode(), "wechatpay.enabled=false"))
            .run((context) -> assertThat(context).doesNotHaveBean(DiscountCardClient.class)
                .doesNotHaveBean(RequestSigner.class)
                .doesNotHaveBean(WechatPayProperties.class));
    }

    @Test
    void backsOffWithoutWebClient() {
        this.runner.withPropertyValues(publicKeyMode())
            .withClassLoader(new FilteredClassLoader(WebClient.class))
            .run((context) -> assertThat(context).doesNotHaveBean(DiscountCardClient.class)
                .doesNotHaveBean(RequestSigner.class));
    }

    @Test
    void userBeansWin() {
        this.runner.withPropertyValues(publicKeyMode()).withUserConfiguration(UserBeans.class).run((context) -> {
            assertThat(context).hasSingleBean(RequestSigner.class).hasSingleBean(VerificationKeys.class)
                .hasSingleBean(ResponseVerifier.class);
            assertThat(context.getBean(RequestSigner.class)).isSameAs(context.getBean("userSigner"));
            assertThat(context.getBean(VerificationKeys.class)).isSameAs(context.getBean("userKeys"));
            assertThat(context.getBean(ResponseVerifier.class)).isSameAs(context.getBean("userVerifier"));
            // the auto-configured client is built on the user's signer and verifier
            assertThat(context.getBean(DiscountCardClient.class).getOrder("AUTO-1").block()).isNotNull();
        });
    }

    @Test
    void userKeysNeedNoKeyProperties() {
        // keys from a vault: no private-key or public-key properties at all
        this.runner.withPropertyValues("wechatpay.base-url=" + simulator.baseUrl())
            .withUserConfiguration(UserBeans.class)
            .run((context) -> assertThat(context.getBean(DiscountCardClient.class).getOrder("AUTO-1").block())
                .isNotNull());
    }

    @Test
    void userClientWins() {
        this.runner.withPropertyValues(publicKeyMode()).withUserConfiguration(UserClient.class).run((context) -> {
            assertThat(context).hasSingleBean(DiscountCardClient.class);
            assertThat(context.getBean(DiscountCardClient.class)).isSameAs(context.getBean("userClient"));
        });
    }

    @Test
    void userClientCanBeBuiltFromTheAutoConfiguredKeys() {
        this.runner.withPropertyValues(publicKeyMode()).withUserConfiguration(ClientFromOurKeys.class).run((context) -> {
            assertThat(context).hasSingleBean(DiscountCardClient.class).hasSingleBean(RequestSigner.class)
                .hasSingleBean(ResponseVerifier.class).hasSingleBean(WechatPayHealthIndicator.class);
            assertThat(context.getBean(DiscountCardClient.class)).isSameAs(context.getBean("clientFromOurKeys"));
            assertThat(context.getBean(DiscountCardClient.class).getOrder("AUTO-1").block()).isNotNull();
        });
    }

    @Test
    void userClientNeedsNoWechatpayProperties() {
        this.runner.withUserConfiguration(UserClient.class).run((context) -> {
            assertThat(context).hasNotFailed().hasSingleBean(DiscountCardClient.class)
                .doesNotHaveBean(RequestSigner.class)
                .doesNotHaveBean(DiscountCardConnector.class)
                .doesNotHaveBean(WechatPayHealthIndicator.class);
        });
    }

    @Test
    void anAuthorizationHeaderFromTheApplicationsWebClientSetUpNeverReachesWechatPay() {
        this.withWebClient.withPropertyValues(publicKeyMode())
            .withBean(org.springframework.boot.webclient.WebClientCustomizer.class,
                    () -> (builder) -> builder.defaultHeader("Authorization", "Bearer app-secret-token"))
            .run((context) -> {
                assertThat(context.getBean(DiscountCardClient.class).getOrder("AUTO-1").block()).isNotNull();
                var request = simulator.lastRequest().orElseThrow();
                assertThat(request.status()).isEqualTo(200);
                assertThat(request.headers().get("Authorization")).singleElement().asString()
                    .startsWith("WECHATPAY2-SHA256-RSA2048 ");
            });
    }

    @Test
    void configuredCertificatesTurnTheDownloadOff() {
        this.runner.withPropertyValues(with(publicKeyMode(), unset("wechatpay.public-key"),
                unset("wechatpay.public-key-id"), "wechatpay.api-v3-key=" + merchant.apiV3Key(),
                "wechatpay.platform-certificates[0]=" + PemWriter.certificate(simulator.platformCertificate())))
            .run((context) -> {
                assertThat(context).hasNotFailed()
                    .doesNotHaveBean(io.github.discountcard.client.certificates.PlatformCertificateManager.class);
                assertThat(simulator.requests()).noneMatch((r) -> r.rawPath().equals("/v3/certificates"));
            });
    }

    @Test
    void customizerTunesOnlyOurClientAndKeepsSigning() {
        this.withWebClient.withPropertyValues(publicKeyMode())
            .withBean(DiscountCardWebClientCustomizer.class,
                    () -> (builder) -> builder.defaultHeader("X-Tenant", "shop-1"))
            .run((context) -> {
                context.getBean(DiscountCardClient.class).getOrder("AUTO-1").block();
                var request = simulator.lastRequest().orElseThrow();
                assertThat(request.header("X-Tenant")).contains("shop-1");
                assertThat(request.status()).isEqualTo(200);

                // Boot's shared builder carries neither our filters nor the customizer
                WebClient plain = context.getBean(WebClient.Builder.class).build();
                plain.get().uri(simulator.baseUrl() + "/v3/discount-card/orders/AUTO-1").retrieve()
                    .toBodilessEntity().onErrorComplete().block();
                var unsigned = simulator.lastRequest().orElseThrow();
                assertThat(unsigned.header("Authorization")).isEmpty();
                assertThat(unsigned.header("X-Tenant")).isEmpty();
                assertThat(unsigned.status()).isEqualTo(401);
            });
    }

    @Test
    void propertiesToStringMasksSecrets() {
        this.runner.withPropertyValues(with(publicKeyMode(), "wechatpay.api-v3-key=" + merchant.apiV3Key()))
            .run((context) -> {
                String text = context.getBean(WechatPayProperties.class).toString();
                assertThat(text).contains("privateKey=******", "apiV3Key=******", merchant.mchId())
                    .doesNotContain(merchant.apiV3Key(), "PRIVATE KEY");
            });
    }

    @Test
    void secretsAreSanitizedForActuator() {
        this.runner.withPropertyValues(publicKeyMode()).run((context) -> {
            var function = context.getBean(org.springframework.boot.actuate.endpoint.SanitizingFunction.class);
            for (String key : List.of("wechatpay.private-key", "wechatpay.privateKey", "WECHATPAY_PRIVATE_KEY",
                    "wechatpay.api-v3-key", "wechatpay.apiV3Key", "WECHATPAY_APIV3KEY")) {
                var data = new org.springframework.boot.actuate.endpoint.SanitizableData(null, key, "secret");
                assertThat(function.apply(data).getValue()).as(key)
                    .isEqualTo(org.springframework.boot.actuate.endpoint.SanitizableData.SANITIZED_VALUE);
            }
            var mchId = new org.springframework.boot.actuate.endpoint.SanitizableData(null, "wechatpay.mch-id", "1900");
            assertThat(function.apply(mchId).getValue()).isEqualTo("1900");
        });
    }

    @Test
    void configpropsEndpointShowsNoSecretEvenWithValuesShown() {
        this.runner.withPropertyValues(with(publicKeyMode(), "wechatpay.api-v3-key=" + merchant.apiV3Key()))
            .run((context) -> {
                var endpoint = new org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint(
                        context.getBeansOfType(org.springframework.boot.actuate.endpoint.SanitizingFunction.class).values(),
                        org.springframework.boot.actuate.endpoint.Show.ALWAYS);
                endpoint.setApplicationContext(context);
                String report = tools.jackson.databind.json.JsonMapper.builder().build()
                    .writeValueAsString(endpoint.configurationPropertiesWithPrefix("wechatpay"));
                assertThat(report).contains(merchant.mchId(), "\"privateKey\":\"******\"", "\"apiV3Key\":\"******\"")
                    .doesNotContain("PRIVATE KEY", merchant.apiV3Key());
            });
    }

    // ---- failure analysis ------------------------------------------------------------------------------

    @Test
    void missingMchId() {
        assertFailure(with(publicKeyMode(), unset("wechatpay.mch-id")), "wechatpay.mch-id", "is required");
    }

    @Test
    void blankPrivateKey() {
        assertFailure(with(publicKeyMode(), "wechatpay.private-key=   "), "wechatpay.private-key", "blank");
    }

    @Test
    void missingMerchantSerialNumber() {
        assertFailure(with(publicKeyMode(), unset("wechatpay.merchant-serial-number")),
                "wechatpay.merchant-serial-number", "is required");
    }

    @Test
    void unreadablePem() {
        String mangled = merchant.privateKeyPem().replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "");
        FailureAnalysis analysis = assertFailure(with(publicKeyMode(), "wechatpay.private-key=" + mangled),
                "wechatpay.private-key", "neither PEM text nor an existing resource");
        assertThat(analysis.getDescription()).doesNotContain(mangled.trim().substring(0, 40));
    }

    @Test
    void missingKeyFile() {
        assertFailure(with(publicKeyMode(), "wechatpay.private-key=file:/nonexistent/apiclient_key.pem"),
                "wechatpay.private-key", "/nonexistent/apiclient_key.pem");
    }

    @Test
    void nonRsaKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        String ecPem = PemWriter.privateKey(generator.generateKeyPair().getPrivate());
        assertFailure(with(publicKeyMode(), "wechatpay.private-key=" + ecPem), "wechatpay.private-key", "EC key");
    }

    @Test
    void shortKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        String shortPem = PemWriter.privateKey(generator.generateKeyPair().getPrivate());
        assertFailure(with(publicKeyMode(), "wechatpay.private-key=" + shortPem), "wechatpay.private-key", "RSA-1024");
    }

    @Test
    void publicKeyIdWithoutPrefix() {
        assertFailure(with(publicKeyMode(), "wechatpay.public-key-id=0114232134912410000000000000"),
                "wechatpay.public-key-id", "PUB_KEY_ID_");
    }

    @Test
    void publicKeyWithoutId() {
        assertFailure(with(publicKeyMode(), unset("wechatpay.public-key-id")), "wechatpay.public-key-id", "is required");
    }

    @Test
    void noVerificationKeyAtAll() {
        assertFailure(with(publicKeyMode(), unset("wechatpay.public-key"), unset("wechatpay.public-key-id")),
                "wechatpay.public-key", "no key is configured to verify");
    }

    @Test
    void apiV3KeyOfWrongLength() {
        FailureAnalysis analysis = assertFailure(with(publicKeyMode(), "wechatpay.api-v3-key=too-short-secret"),
                "wechatpay.api-v3-key", "exactly 32 bytes");
        assertThat(analysis.getDescription()).doesNotContain("too-short-secret");
    }

    @Test
    void remotePlainHttpBaseUrl() {
        assertFailure(with(publicKeyMode(), "wechatpay.base-url=http://api.mch.weixin.qq.com"), "wechatpay.base-url",
                "plain http://");
    }

    @Test
    void nonPositiveTimestampWindow() {
        assertFailure(with(publicKeyMode(), "wechatpay.timestamp-window=0s"), "wechatpay.timestamp-window", "positive");
    }

    @Test
    void invalidRetrySettings() {
        assertFailure(with(publicKeyMode(), "wechatpay.retry.max-attempts=0"), "wechatpay.retry", "maxAttempts");
        assertFailure(with(publicKeyMode(), "wechatpay.retry.jitter=2"), "wechatpay.retry", "jitter");
    }

    @Test
    void cryptoProviderChoices() {
        for (String choice : List.of("auto", "jdk", "SunRsaSign")) {
            this.runner.withPropertyValues(with(publicKeyMode(), "wechatpay.crypto-provider=" + choice))
                .run((context) -> assertThat(context.getBean(DiscountCardClient.class).getOrder("AUTO-1").block())
                    .as(choice).isNotNull());
        }
        assertFailure(with(publicKeyMode(), "wechatpay.crypto-provider=NoSuchProvider"), "wechatpay.crypto-provider",
                "NoSuchProvider");
    }

    @Test
    void unusableDurationsAndSizes() {
        assertFailure(with(publicKeyMode(), "wechatpay.timestamp-window=500ms"), "wechatpay.timestamp-window",
                "at least 1 second");
        assertFailure(with(publicKeyMode(), "wechatpay.max-response-size=0"), "wechatpay.max-response-size",
                "positive");
    }

    @Test
    void nonPositiveTimeouts() {
        assertFailure(with(publicKeyMode(), "wechatpay.response-timeout=0s"), "wechatpay.response-timeout", "positive");
        assertFailure(with(publicKeyMode(), "wechatpay.call-timeout=-1s"), "wechatpay.call-timeout", "positive");
    }

    @Test
    void retriesAndObservationsFromProperties() {
        io.micrometer.observation.tck.TestObservationRegistry registry = io.micrometer.observation.tck.TestObservationRegistry
            .create();
        this.runner.withPropertyValues(with(publicKeyMode(), "wechatpay.retry.max-attempts=2",
                "wechatpay.retry.initial-backoff=10ms"))
            .withBean(io.micrometer.observation.ObservationRegistry.class, () -> registry)
            .run((context) -> {
                simulator.failNext(io.github.discountcard.test.Fault.SERVER_ERROR, 1);
                assertThat(context.getBean(DiscountCardClient.class).getOrder("AUTO-1").block()).isNotNull();
                assertThat(simulator.requests()).extracting(io.github.discountcard.test.ReceivedRequest::status)
                    .containsExactly(500, 200);
                io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat(registry)
                    .hasObservationWithNameEqualTo("wechatpay.discountcard.client.requests")
                    .that()
                    .hasLowCardinalityKeyValue("operation", "getOrder")
                    .hasLowCardinalityKeyValue("outcome", "SUCCESS");
                simulator.failNext(io.github.discountcard.test.Fault.SERVER_ERROR, 2);
                org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> context.getBean(DiscountCardClient.class).getOrder("AUTO-1").block())
                    .isInstanceOf(io.github.discountcard.client.WechatPayServiceException.class);
            });
    }

    @Test
    void everyProblemIsReportedInOneStartupFailure() {
        FailureAnalysis[] result = new FailureAnalysis[1];
        this.runner.withPropertyValues(with(publicKeyMode(), unset("wechatpay.mch-id"), "wechatpay.private-key=   ",
                "wechatpay.public-key-id=0114232134912410000000000000", "wechatpay.timestamp-window=0s",
                "wechatpay.base-url=http://api.mch.weixin.qq.com", "wechatpay.retry.jitter=2",
                "wechatpay.response-timeout=0s", "wechatpay.max-response-size=0"))
            .run((context) -> result[0] = analyze(context));
        List<String> properties = List.of("wechatpay.mch-id", "wechatpay.private-key", "wechatpay.public-key-id",
                "wechatpay.timestamp-window", "wechatpay.base-url", "wechatpay.retry", "wechatpay.response-timeout",
                "wechatpay.max-response-size");
        assertThat(result[0].getDescription()).contains(properties.size() + " wechatpay.* properties cannot work");
        for (String property : properties) {
            // each one named with its problem, and with its fix in the action
            assertThat(result[0].getDescription()).contains("Property '" + property + "'");
            assertThat(result[0].getAction()).contains("- " + property + ": ");
        }
        WechatPayConfigurationException exception = (WechatPayConfigurationException) result[0].getCause();
        assertThat(exception.problems()).extracting(WechatPayConfigurationException.Problem::property)
            .containsExactlyInAnyOrderElementsOf(properties);
    }

    @Test
    void pemWithEscapedNewlinesReadsLikePemWithLineBreaks() {
        // the one-line form of environment variables, .env files and Kubernetes secrets
        String privateKey = merchant.privateKeyPem().strip().replace("\r\n", "\n").replace("\n", "\\n");
        String publicKey = PemWriter.publicKey(simulator.platformPublicKey()).strip().replace("\n", "\\n");
        assertThat(privateKey).doesNotContain("\n").contains("\\n");
        this.runner.withPropertyValues(with(publicKeyMode(), "wechatpay.private-key=" + privateKey,
                "wechatpay.public-key=" + publicKey))
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(DiscountCardClient.class).getOrder("AUTO-1").block()).isNotNull();
            });
    }

    @Test
    void escapedPemInAKeyFileReadsLikePemWithLineBreaks(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("apiclient_key.pem");
        Files.writeString(key, merchant.privateKeyPem().strip().replace("\n", "\\n"));
        this.runner.withPropertyValues(with(publicKeyMode(), "wechatpay.private-key=file:" + key))
            .run((context) -> assertThat(context.getBean(DiscountCardClient.class).getOrder("AUTO-1").block()).isNotNull());
    }

    @Test
    void aPrivateKeyPastedIntoPublicKeyIdIsNamedNeverEchoed() {
        String pem = merchant.privateKeyPem();
        String base64Line = pem.lines().filter((line) -> !line.startsWith("-----")).findFirst().orElseThrow();
        for (String misplaced : List.of(pem, pem.strip().replace("\n", "\\n"), base64Line + base64Line)) {
            FailureAnalysis analysis = assertFailure(with(publicKeyMode(), "wechatpay.public-key-id=" + misplaced),
                    "wechatpay.public-key-id", "looks like a key or PEM text (value not shown)");
            assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(base64Line.substring(0, 24))
                .doesNotContain("BEGIN");
        }
    }

    @Test
    void theApiV3KeyPastedIntoMchIdIsNamedNeverEchoed() {
        FailureAnalysis analysis = assertFailure(with(publicKeyMode(), "wechatpay.api-v3-key=" + merchant.apiV3Key(),
                "wechatpay.mch-id=" + merchant.apiV3Key()), "wechatpay.mch-id", "value not shown");
        assertThat(analysis.getDescription()).doesNotContain(merchant.apiV3Key());
    }

    @Test
    void everyValueThatCannotBindIsReportedAtOnceAndKeysAreNeverEchoed() {
        String pem = merchant.privateKeyPem();
        String[] properties = with(publicKeyMode(), "wechatpay.connect-timeout=" + pem,
                "wechatpay.retry.max-attempts=three", "wechatpay.max-response-size=lots",
                "wechatpay.proxy.port=http", "wechatpay.certificates.fail-fast=maybe");
        this.runner.withPropertyValues(properties).run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new WechatPayBindFailureAnalyzer(environment(properties))
                .analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("5 wechatpay.* properties cannot work")
                .contains("Property 'wechatpay.connect-timeout': is not a valid Duration (holds what looks like a "
                        + "key or PEM text, value not shown)")
                .contains("Property 'wechatpay.retry.max-attempts': is not a valid int: 'three'")
                .contains("Property 'wechatpay.max-response-size': is not a valid DataSize: 'lots'")
                .contains("Property 'wechatpay.proxy.port': is not a valid Integer: 'http'")
                .contains("Property 'wechatpay.certificates.fail-fast': is not a valid boolean: 'maybe'")
                .doesNotContain("PRIVATE KEY", pem.lines().skip(1).findFirst().orElseThrow());
            assertThat(analysis.getAction()).contains("- wechatpay.connect-timeout: Use a value of type Duration, e.g. '30s'")
                .contains("- wechatpay.max-response-size: Use a value of type DataSize, e.g. '1MB'");
        });
        // another prefix's failure is left to Spring Boot's own report
        String[] other = with(publicKeyMode(), "server.port=eighty");
        Throwable serverPortFailure = org.assertj.core.api.Assertions.catchThrowable(
                () -> org.springframework.boot.context.properties.bind.Binder.get(environment(other))
                    .bind("server.port", Integer.class));
        assertThat(serverPortFailure).isInstanceOf(org.springframework.boot.context.properties.bind.BindException.class);
        assertThat(new WechatPayBindFailureAnalyzer(environment(other)).analyze(serverPortFailure))
            .isNull();
        assertThat(new WechatPayBindFailureAnalyzer(environment(other)).getOrder()).isLessThan(0); // asked before Boot's
    }

    @Test
    void springBootUsesTheBindReportAtStartup(org.springframework.boot.test.system.CapturedOutput output) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new org.springframework.boot.builder.SpringApplicationBuilder(
                PropertiesOnly.class)
            .web(org.springframework.boot.WebApplicationType.NONE)
            .properties("wechatpay.connect-timeout=soon", "wechatpay.call-timeout=later", "spring.main.banner-mode=off")
            .run());
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
            .contains("2 wechatpay.* properties cannot work")
            .contains("Property 'wechatpay.connect-timeout': is not a valid Duration: 'soon'")
            .contains("Property 'wechatpay.call-timeout': is not a valid Duration: 'later'");
    }

    private static org.springframework.core.env.Environment environment(String[] properties) {
        org.springframework.mock.env.MockEnvironment environment = new org.springframework.mock.env.MockEnvironment();
        for (String property : properties) {
            int equals = property.indexOf('=');
            environment.setProperty(property.substring(0, equals), property.substring(equals + 1));
        }
        return environment;
    }

    @Configuration(proxyBeanMethods = false)
    @org.springframework.boot.context.properties.EnableConfigurationProperties(WechatPayProperties.class)
    static class PropertiesOnly {

    }

    @Test
    void aKeyInTheWrongPropertyIsNotInToString() {
        WechatPayProperties properties = new WechatPayProperties();
        properties.setPublicKeyId(merchant.privateKeyPem());
        properties.setMerchantSerialNumber(merchant.apiV3Key());
        properties.setApiV3Key(merchant.apiV3Key());
        assertThat(properties.toString()).doesNotContain("PRIVATE KEY", merchant.apiV3Key())
            .contains("publicKeyId=(looks like key material, not shown)");
    }

    private FailureAnalysis assertFailure(String[] properties, String property, String problem) {
        FailureAnalysis[] result = new FailureAnalysis[1];
        this.runner.withPropertyValues(properties).run((context) -> result[0] = analyze(context));
        FailureAnalysis analysis = result[0];
        assertThat(analysis).as("a failure analysis").isNotNull();
        assertThat(analysis.getDescription()).contains(property).contains(problem)
            .doesNotContain("PRIVATE KEY-----").doesNotContain(merchant.apiV3Key());
        assertThat(analysis.getAction()).isNotBlank();
        return analysis;
    }

    private static FailureAnalysis analyze(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        return new WechatPayConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeans {

        @Bean
        RequestSigner userSigner() {
            return merchant.signer();
        }

        @Bean
        VerificationKeys userKeys() {
            return simulator.verificationKeys();
        }

        @Bean
        ResponseVerifier userVerifier(VerificationKeys userKeys) {
            return new ResponseVerifier(userKeys);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ClientFromOurKeys {

        @Bean
        DiscountCardClient clientFromOurKeys(RequestSigner signer, ResponseVerifier verifier) {
            return WebClientDiscountCardClient.builder()
                .baseUrl(simulator.baseUrl())
                .signer(signer)
                .verifier(verifier)
                .build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserClient {

        @Bean
        DiscountCardClient userClient() {
            return WebClientDiscountCardClient.builder()
                .baseUrl(simulator.baseUrl())
                .signer(merchant.signer())
                .verifier(new ResponseVerifier(simulator.verificationKeys()))
                .build();
        }
    }
}
