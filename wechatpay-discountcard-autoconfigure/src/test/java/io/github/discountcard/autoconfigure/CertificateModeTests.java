package io.github.discountcard.autoconfigure;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.discountcard.client.DiscountCardClient;
import io.github.discountcard.client.WechatPaySignatureException;
import io.github.discountcard.client.certificates.PlatformCertificateManager;
import io.github.discountcard.client.model.DiscountCardOrder;
import io.github.discountcard.core.PemKeys;
import io.github.discountcard.core.VerificationFailure;
import io.github.discountcard.core.VerificationKeys;
import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.Fault;
import io.github.discountcard.test.PemWriter;
import io.github.discountcard.test.ReceivedRequest;
import io.github.discountcard.test.SigningMode;
import io.github.discountcard.test.TestMerchant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.reactive.function.client.ClientRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Verification keys that keep working: certificate download, rotation, expiry, outages and mixed mode. */
class CertificateModeTests {

    /** One merchant key pair for all tests: RSA key generation is the slow part of a set-up. */
    private static final TestMerchant merchant = TestMerchant.generate();

    private DiscountCardSimulator simulator;

    /** The refresh's time: the two start-up back-offs pass at once, everything else waits for {@code advance}. */
    private final SteppedTimeScheduler time = new SteppedTimeScheduler(CertificateRefreshLifecycle.STARTUP_RETRIES);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(WechatPayAutoConfiguration.class, WechatPayClientAutoConfiguration.class,
                WechatPayHealthAutoConfiguration.class))
        .withBean(CertificateRefreshTiming.class, () -> new CertificateRefreshTiming(this.time, Clock.systemUTC()));

    DiscountCardSimulator start(SigningMode mode) {
        this.simulator = DiscountCardSimulator.builder().mode(mode).build().start().registerMerchant(merchant);
        for (int i = 0; i < 8; i++) {
            this.simulator.createOrder("CERT-" + i);
        }
        return this.simulator;
    }

    @AfterEach
    void stop() {
        if (this.simulator != null) {
            this.simulator.close();
        }
        this.time.dispose();
    }

    String[] certificateDownload(String... more) {
        List<String> properties = new java.util.ArrayList<>(List.of("wechatpay.mch-id=" + merchant.mchId(),
                "wechatpay.merchant-serial-number=" + merchant.serialNumber(),
                "wechatpay.private-key=" + merchant.privateKeyPem(),
                "wechatpay.api-v3-key=" + merchant.apiV3Key(),
                "wechatpay.base-url=" + this.simulator.baseUrl()));
        properties.addAll(List.of(more));
        return properties.toArray(String[]::new);
    }

    long certificateDownloads() {
        return this.simulator.requests().stream().filter((r) -> r.rawPath().equals("/v3/certificates")).count();
    }

    @Test
    void downloadsDecryptsAndUsesPlatformCertificates() {
        start(SigningMode.CERTIFICATE);
        this.runner.withPropertyValues(certificateDownload()).run((context) -> {
            assertThat(context).hasSingleBean(PlatformCertificateManager.class);
            VerificationKeys keys = context.getBean(VerificationKeys.class);
            assertThat(keys.find(this.simulator.signingSerial())).isNotNull();
            assertThat(context.getBean(DiscountCardClient.class).getOrder("CERT-0").block().outOrderNo())
                .isEqualTo("CERT-0");
            // the request names the certificate it expects
            assertThat(this.simulator.lastRequest().orElseThrow().header("Wechatpay-Serial"))
                .contains(this.simulator.signingSerial());
            Health health = context.getBean(WechatPayHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("mode", "CERTIFICATE")
                .containsEntry("lastRefreshSuccessful", true)
                .containsKey("daysUntilCertificateExpiry");
        });
    }

    @Test
    void rotationInTheMiddleOfSteadyTrafficFailsNoCall() {
        start(SigningMode.CERTIFICATE);
        this.runner.withPropertyValues(certificateDownload("wechatpay.certificates.unknown-serial-refresh-interval=200ms"))
            .run((context) -> {
                DiscountCardClient client = context.getBean(DiscountCardClient.class);
                String before = this.simulator.signingSerial();
                AtomicInteger done = new AtomicInteger();
                List<DiscountCardOrder> orders = Flux.range(0, 120)
                    .flatMap((i) -> {
                        if (done.incrementAndGet() == 40) {
                            this.simulator.rotateCertificate();
                        }
                        return client.getOrder("CERT-" + (i % 8));
                    }, 16)
                    .collectList()
                    .block(Duration.ofSeconds(60));
                assertThat(orders).hasSize(120);
                assertThat(this.simulator.signingSerial()).isNotEqualTo(before);
                assertThat(context.getBean(VerificationKeys.class).find(this.simulator.signingSerial())).isNotNull();
                assertThat(this.simulator.requests()).allSatisfy((r) -> assertThat(r.status()).isEqualTo(200));
            });
    }

    @Test
    void anUnknownSerialTriggersExactlyOneRefresh() {
        start(SigningMode.CERTIFICATE);
        this.runner.withPropertyValues(certificateDownload()).run((context) -> {
            DiscountCardClient client = context.getBean(DiscountCardClient.class);
            assertThat(certificateDownloads()).isEqualTo(1); // at startup
            this.simulator.rotateCertificate();
            List<DiscountCardOrder> orders = Flux.range(0, 40)
                .flatMap((i) -> client.getOrder("CERT-" + (i % 8)), 40)
                .collectList()
                .block(Duration.ofSeconds(30));
            assertThat(orders).hasSize(40);
            assertThat(certificateDownloads()).isEqualTo(2);
        });
    }

    @Test
    void forgedSerialsCannotForceARefreshPerResponse() {
        start(SigningMode.CERTIFICATE);
        this.runner.withPropertyValues(certificateDownload()).run((context) -> {
            DiscountCardClient client = context.getBean(DiscountCardClient.class);
            this.simulator.setFault(Fault.UNKNOWN_SERIAL); // every response, the refresh's download included
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> client.getOrder("CERT-1").block())
                    .isInstanceOfSatisfying(WechatPaySignatureException.class,
                            (ex) -> assertThat(ex.reason()).isEqualTo(VerificationFailure.UNKNOWN_SERIAL));
            }
            assertThat(certificateDownloads()).isEqualTo(2); // startup + one rate-limited refresh
            this.simulator.clearFaults();
            assertThat(client.getOrder("CERT-1").block()).isNotNull();
        });
    }

    @Test
    void anExpiredCertificateIsNeverUsed() {
        start(SigningMode.CERTIFICATE);
        this.runner.withPropertyValues(certificateDownload("wechatpay.certificates.unknown-serial-refresh-interval=1ms"))
            .run((context) -> {
                DiscountCardClient client = context.getBean(DiscountCardClient.class);
                Instant now = Instant.now();
                X509Certificate expired = this.simulator.rotateCertificate(now.minus(Duration.ofDays(30)),
                        now.minus(Duration.ofDays(1)));
                String expiredSerial = PemKeys.serialNumber(expired);
                // responses are now signed with the expired certificate: listed by /v3/certificates, never loaded
                assertThatThrownBy(() -> client.getOrder("CERT-2").block())
                    .isInstanceOfSatisfying(WechatPaySignatureException.class,
                            (ex) -> assertThat(ex.reason()).isEqualTo(VerificationFailure.UNKNOWN_SERIAL));
                assertThat(certificateDownloads()).isEqualTo(2);
                VerificationKeys keys = context.getBean(VerificationKeys.class);
                assertThat(keys.find(expiredSerial)).isNull();
                assertThat(keys.hasUsableKey(Instant.now())).isTrue(); // the earlier, valid certificate stays
            });
    }

    @Test
    void startupFailsClearlyWhileTheCertificateEndpointIsDown() {
        start(SigningMode.CERTIFICATE);
        this.simulator.setFault(Fault.SERVER_ERROR);
        this.runner.withPropertyValues(certificateDownload()).run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new WechatPayConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("wechatpay.certificates.fail-fast")
                .contains("500").contains("SYSTEM_ERROR");
            assertThat(analysis.getAction()).contains("fail-fast=false");
        });
        assertThat(certificateDownloads()).isEqualTo(3); // one try and two retries
        // backing off exponentially from 500 ms (with jitter), on the injected scheduler: no real waiting
        assertThat(this.time.delays()).hasSize(2);
        assertThat(this.time.delays().get(0)).isBetween(Duration.ofMillis(250), Duration.ofMillis(750));
        assertThat(this.time.delays().get(1)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1500));
    }

    @Test
    void withoutFailFastStartsDownAndRecoversInTheBackground() {
        start(SigningMode.CERTIFICATE);
        this.simulator.setFault(Fault.SERVER_ERROR);
        this.runner.withPropertyValues(certificateDownload("wechatpay.certificates.fail-fast=false")).run((context) -> {
            assertThat(context).hasNotFailed();
            WechatPayHealthIndicator health = context.getBean(WechatPayHealthIndicator.class);
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.health().getDetails()).containsEntry("mode", "NONE")
                .containsEntry("lastRefreshSuccessful", false);
            this.simulator.clearFaults();
            // the background retry waits in virtual time: each poll moves it past the longest back-off
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                this.time.advance(Duration.ofMinutes(1));
                return health.health().getStatus().equals(Status.UP);
            });
            assertThat(context.getBean(DiscountCardClient.class).getOrder("CERT-3").block()).isNotNull();
        });
    }

    @Test
    void theScheduledRefreshRunsEachIntervalInVirtualTimeAndStopsWithTheContext() {
        start(SigningMode.CERTIFICATE);
        this.runner.withPropertyValues(certificateDownload("wechatpay.certificates.refresh-interval=1h")).run((context) -> {
            CertificateRefreshLifecycle lifecycle = context.getBean(CertificateRefreshLifecycle.class);
            assertThat(lifecycle.isRunning()).isTrue();
            assertThat(certificateDownloads()).isEqualTo(1); // at start
            this.time.advance(Duration.ofMinutes(59));
            assertThat(certificateDownloads()).isEqualTo(1);
            this.time.advance(Duration.ofMinutes(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> certificateDownloads() == 2);
            this.time.advance(Duration.ofHours(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> certificateDownloads() == 3);
            assertThat(this.time.liveWorkers()).isEqualTo(1);

            context.getSourceApplicationContext().stop();
            assertThat(lifecycle.isRunning()).isFalse();
            assertThat(this.time.liveWorkers()).isZero(); // the schedule is cancelled

            context.getSourceApplicationContext().start();
            assertThat(lifecycle.isRunning()).isTrue();
            assertThat(this.time.liveWorkers()).isEqualTo(1);
        });
        assertThat(this.time.liveWorkers()).isZero(); // and with the context's close
    }

    @Test
    void theRefreshRunsOnTheSystemTimingUnlessTheApplicationBringsItsOwn() {
        start(SigningMode.CERTIFICATE);
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WechatPayAutoConfiguration.class, WechatPayClientAutoConfiguration.class))
            .withPropertyValues(certificateDownload())
            .run((context) -> {
                assertThat(context).hasSingleBean(CertificateRefreshLifecycle.class);
                assertThat(context.getBean(CertificateRefreshTiming.class)).isEqualTo(CertificateRefreshTiming.system());
            });
        CertificateRefreshLifecycle own = new CertificateRefreshLifecycle(
                PlatformCertificateManager.builder()
                    .keys(new VerificationKeys(List.of()))
                    .signer(merchant.signer())
                    .apiV3Key(new io.github.discountcard.core.AeadAesGcm(merchant.apiV3Key()))
                    .baseUrl(this.simulator.baseUrl())
                    .build(),
                false, Duration.ofSeconds(1), this.time);
        this.runner.withPropertyValues(certificateDownload())
            .withBean("applicationsOwnRefresh", CertificateRefreshLifecycle.class, () -> own)
            .run((context) -> {
                assertThat(context.getBean(CertificateRefreshLifecycle.class)).isSameAs(own);
                assertThat(context.getBean(CertificateRefreshTiming.class).scheduler()).isSameAs(this.time);
            });
    }

    @Test
    void publicKeyOnlyMerchantIsToldToConfigurePublicKeyMode() {
        start(SigningMode.PUBLIC_KEY);
        this.runner.withPropertyValues(certificateDownload()).run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new WechatPayConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("wechatpay.public-key").contains("RESOURCE_NOT_EXISTS")
                .contains("public-key mode");
            assertThat(analysis.getAction()).contains("wechatpay.public-key-id");
        });
        assertThat(certificateDownloads()).isEqualTo(1); // a 404 is not retried
    }

    /**
     * At bootstrap nothing is held to verify the download with: its own certificate must decrypt first. When it
     * does not, nothing shows the answer came from WeChat Pay, so the report says the answer is unverifiable and
     * does not blame the key (a verified answer that does not decrypt does: see the client's certificate tests).
     */
    @Test
    void aWrongApiV3KeyAtBootstrapMakesTheAnswerUnverifiable() {
        start(SigningMode.CERTIFICATE);
        this.runner.withPropertyValues(certificateDownload("wechatpay.api-v3-key=" + "K".repeat(32))).run((context) -> {
            FailureAnalysis analysis = new WechatPayConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("cannot be verified").contains("does not decrypt")
                .doesNotContain("wechatpay.api-v3-key").doesNotContain("K".repeat(32));
        });
    }

    @Test
    void mixedModeVerifiesResponsesSignedByEitherKey() {
        start(SigningMode.MIXED);
        String certificateSerial = PemKeys.serialNumber(this.simulator.platformCertificate());
        AtomicInteger calls = new AtomicInteger();
        DiscountCardWebClientCustomizer alternateExpectedKey = (builder) -> builder.filter((request, next) -> next
            .exchange(ClientRequest.from(request)
                .headers((headers) -> headers.set("Wechatpay-Serial",
                        (calls.incrementAndGet() % 2 == 0) ? certificateSerial : this.simulator.platformPublicKeyId()))
                .build()));
        this.runner
            .withPropertyValues("wechatpay.mch-id=" + merchant.mchId(),
                    "wechatpay.merchant-serial-number=" + merchant.serialNumber(),
                    "wechatpay.private-key=" + merchant.privateKeyPem(),
                    "wechatpay.public-key=" + PemWriter.publicKey(this.simulator.platformPublicKey()),
                    "wechatpay.public-key-id=" + this.simulator.platformPublicKeyId(),
                    "wechatpay.platform-certificates[0]=" + PemWriter.certificate(this.simulator.platformCertificate()),
                    "wechatpay.base-url=" + this.simulator.baseUrl())
            .withBean(DiscountCardWebClientCustomizer.class, () -> alternateExpectedKey)
            .run((context) -> {
                DiscountCardClient client = context.getBean(DiscountCardClient.class);
                for (int i = 0; i < 6; i++) {
                    assertThat(client.getOrder("CERT-" + i).block()).isNotNull();
                }
                Map<String, Long> signedBy = this.simulator.requests().stream()
                    .collect(java.util.stream.Collectors.groupingBy(
                            (ReceivedRequest r) -> r.header("Wechatpay-Serial").orElseThrow(),
                            java.util.stream.Collectors.counting()));
                assertThat(signedBy).containsEntry(certificateSerial, 3L)
                    .containsEntry(this.simulator.platformPublicKeyId(), 3L);
                assertThat(context).doesNotHaveBean(PlatformCertificateManager.class)
                    .doesNotHaveBean(CertificateRefreshLifecycle.class);
                assertThat(context.getBean(WechatPayHealthIndicator.class).health().getDetails())
                    .containsEntry("mode", "MIXED");
            });
    }

    @Test
    void refreshNeverLeavesTheRegistryEmpty() {
        start(SigningMode.CERTIFICATE);
        this.runner.withPropertyValues(certificateDownload()).run((context) -> {
            PlatformCertificateManager manager = context.getBean(PlatformCertificateManager.class);
            VerificationKeys keys = context.getBean(VerificationKeys.class);
            this.simulator.failNext(Fault.BAD_SIGNATURE, 1);
            assertThatThrownBy(() -> manager.refresh().block()).hasMessageContaining("signature");
            this.simulator.failNext(Fault.SERVER_ERROR, 1);
            assertThatThrownBy(() -> manager.refresh().block()).hasMessageContaining("500");
            assertThat(keys.hasUsableKey(Instant.now())).isTrue();
            assertThat(manager.lastResult().successful()).isFalse();
            assertThat(Mono.from(manager.refresh()).block().successful()).isTrue();
        });
    }
}
