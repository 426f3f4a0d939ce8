package io.github.discountcard.autoconfigure.endpoint;

import java.time.Duration;
import java.util.List;

import io.github.discountcard.autoconfigure.endpoint.NotificationTestApp.RecordingHandler;
import io.github.discountcard.autoconfigure.endpoint.NotificationTestApp.Stack;
import io.github.discountcard.client.DiscountCardClient;
import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.NotificationDelivery;
import io.github.discountcard.test.NotificationFault;
import io.github.discountcard.test.NotificationPayloads;
import io.github.discountcard.test.SigningMode;
import io.github.discountcard.test.SimulatedNotifications.SignedBy;
import io.github.discountcard.test.TestMerchant;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WeChat Pay's migration: a merchant configured with the public key and the APIv3 key verifies what a platform
 * certificate signs too (downloaded when first met), and a merchant that has only the public key starts and works.
 */
class MixedModeNotificationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final TestMerchant merchant = TestMerchant.generate();

    private static long certificateDownloads(DiscountCardSimulator simulator) {
        return simulator.requests().stream().filter((request) -> request.rawPath().equals("/v3/certificates")).count();
    }

    @Test
    void responsesAndNotificationsSignedAlternatelyByPublicKeyAndCertificateAllVerify() {
        try (DiscountCardSimulator simulator = DiscountCardSimulator.builder().mode(SigningMode.MIXED).build().start()) {
            simulator.registerMerchant(merchant);
            simulator.createOrder("MIXED-1");
            try (ConfigurableApplicationContext app = NotificationTestApp.start(Stack.WEBFLUX,
                    NotificationTestApp.properties(simulator, merchant))) {
                assertThat(certificateDownloads(simulator)).isZero();
                DiscountCardClient client = app.getBean(DiscountCardClient.class);
                for (int i = 0; i < 6; i++) {
                    SignedBy key = (i % 2 == 0) ? SignedBy.PUBLIC_KEY : SignedBy.CERTIFICATE;
                    simulator.signResponsesWith(key);
                    assertThat(client.getOrder("MIXED-1").block(WAIT).outOrderNo()).isEqualTo("MIXED-1");
                    NotificationDelivery delivery = simulator.notifications()
                        .cardEvent(merchant.mchId(), NotificationPayloads.USER_ACCEPTED, "CARD-M" + i, "oUserMixed" + i)
                        .signedBy(key)
                        .deliverTo(NotificationTestApp.endpoint(app))
                        .awaitSettled(WAIT);
                    assertThat(delivery.attempts()).singleElement()
                        .satisfies((attempt) -> assertThat(attempt.status()).as("%s", key).isEqualTo(204));
                }
                assertThat(app.getBean(RecordingHandler.class).callsById).hasSize(6);
                // the certificate was fetched once, when a signature first named it
                assertThat(certificateDownloads(simulator)).isEqualTo(1);
            }
        }
    }

    @Test
    void publicKeyOnlyMerchantWithApiV3KeyStartsWithoutDownloadAndWorks() {
        try (DiscountCardSimulator simulator = DiscountCardSimulator.builder().mode(SigningMode.PUBLIC_KEY).build()
            .start()) {
            simulator.registerMerchant(merchant);
            simulator.createOrder("PUBLIC-1");
            try (ConfigurableApplicationContext app = NotificationTestApp.start(Stack.MVC,
                    NotificationTestApp.properties(simulator, merchant))) {
                assertThat(certificateDownloads(simulator)).isZero();
                assertThat(app.getBean(DiscountCardClient.class).getOrder("PUBLIC-1").block(WAIT)).isNotNull();
                simulator.notifications().retrySchedule(List.of());

                NotificationDelivery good = simulator.notifications()
                    .cardEvent(merchant.mchId(), NotificationPayloads.USER_ACCEPTED, "CARD-P1", "oUserPublic1")
                    .deliverTo(NotificationTestApp.endpoint(app))
                    .awaitSettled(WAIT);
                NotificationDelivery unknown1 = simulator.notifications()
                    .cardEvent(merchant.mchId(), NotificationPayloads.USER_ACCEPTED, "CARD-P2", "oUserPublic2")
                    .faults(NotificationFault.UNKNOWN_SERIAL)
                    .deliverTo(NotificationTestApp.endpoint(app))
                    .awaitSettled(WAIT);
                NotificationDelivery unknown2 = simulator.notifications()
                    .cardEvent(merchant.mchId(), NotificationPayloads.USER_ACCEPTED, "CARD-P3", "oUserPublic3")
                    .faults(NotificationFault.UNKNOWN_SERIAL)
                    .deliverTo(NotificationTestApp.endpoint(app))
                    .awaitSettled(WAIT);

                assertThat(good.lastAttempt().status()).isEqualTo(204);
                assertThat(unknown1.lastAttempt().status()).isEqualTo(401);
                assertThat(unknown2.lastAttempt().status()).isEqualTo(401);
                // one 404 RESOURCE_NOT_EXISTS, then rate-limited: no storm
                assertThat(certificateDownloads(simulator)).isEqualTo(1);
                assertThat(app.getBean(RecordingHandler.class).calls).hasValue(1);
                assertThat(app.getBean(DiscountCardClient.class).getOrder("PUBLIC-1").block(WAIT)).isNotNull();
            }
        }
    }
}
