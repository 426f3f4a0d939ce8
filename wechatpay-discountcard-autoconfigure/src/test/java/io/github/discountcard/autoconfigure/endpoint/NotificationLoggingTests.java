package io.github.discountcard.autoconfigure.endpoint;

import java.time.Duration;
import java.util.List;

import io.github.discountcard.autoconfigure.endpoint.NotificationTestApp.RecordingHandler;
import io.github.discountcard.autoconfigure.endpoint.NotificationTestApp.Stack;
import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.NotificationFault;
import io.github.discountcard.test.NotificationPayloads;
import io.github.discountcard.test.SignedNotification;
import io.github.discountcard.test.TestMerchant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** What a notification leaves in the logs at DEBUG: never a key, an openid, a ciphertext or a decrypted resource. */
@ExtendWith(OutputCaptureExtension.class)
class NotificationLoggingTests {

    private static final String OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";

    private static final String SHARER_OPENID_TAIL = "uMuAJO_M2pxb1Q9zNjWeS6o";

    private static final TestMerchant merchant = TestMerchant.generate();

    private static DiscountCardSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = DiscountCardSimulator.builder().build().start();
        simulator.registerMerchant(merchant);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static ConfigurableApplicationContext app(Stack stack, boolean logBodies) {
        List<String> properties = NotificationTestApp.properties(simulator, merchant);
        properties.addAll(List.of("logging.level.io.github.discountcard=DEBUG", "logging.level.org.springframework.web=DEBUG",
                "logging.level.reactor.netty.http=DEBUG", "wechatpay.log-bodies=" + logBodies));
        return NotificationTestApp.start(stack, properties);
    }

    /** A handled, a failed, a refused and an undecryptable notification; returns what must never show. */
    private static List<String> deliverAll(ConfigurableApplicationContext app) {
        RecordingHandler handler = app.getBean(RecordingHandler.class);
        SignedNotification handled = simulator.notifications()
            .cardEvent(merchant.mchId(), NotificationPayloads.USER_ACCEPTED, "CARD-LOG-1", OPENID)
            .sign();
        SignedNotification failing = simulator.notifications()
            .cardEvent(merchant.mchId(), NotificationPayloads.USER_PAID, "CARD-LOG-2", OPENID)
            .sign();
        SignedNotification tampered = simulator.notifications()
            .cardEvent(merchant.mchId(), NotificationPayloads.AGREEMENT_ENDED, "CARD-LOG-3", OPENID)
            .faults(NotificationFault.TAMPERED_BODY)
            .sign();
        SignedNotification otherKey = simulator.notifications()
            .cardEvent(merchant.mchId(), NotificationPayloads.AGREEMENT_ENDED, "CARD-LOG-4", OPENID)
            .faults(NotificationFault.OTHER_APIV3_KEY)
            .sign();
        assertThat(simulator.notifications().post(handled, NotificationTestApp.endpoint(app)).status()).isEqualTo(204);
        handler.behaviour = (notification) -> Mono.error(new IllegalStateException("store unavailable"));
        assertThat(simulator.notifications().post(failing, NotificationTestApp.endpoint(app)).status()).isEqualTo(500);
        assertThat(simulator.notifications().post(tampered, NotificationTestApp.endpoint(app)).status()).isEqualTo(401);
        assertThat(simulator.notifications().post(otherKey, NotificationTestApp.endpoint(app)).status()).isEqualTo(500);
        JsonMapper json = JsonMapper.builder().build();
        JsonNode resource = json.readTree(handled.body()).get("resource");
        return List.of(OPENID, SHARER_OPENID_TAIL, merchant.apiV3Key(), resource.get("ciphertext").asString(),
                merchant.privateKeyPem().lines().skip(1).findFirst().orElseThrow(), "CARD-LOG-1\"",
                new String(handled.body()), handled.headers().get("Wechatpay-Signature"));
    }

    @Test
    void nothingSecretOrPersonalAtDebug(CapturedOutput output) {
        try (ConfigurableApplicationContext app = app(Stack.WEBFLUX, false)) {
            List<String> secrets = deliverAll(app);
            awaitLogged(output, 4);
            assertThat(output.getAll()).contains("WeChat Pay notification", "-> HANDLED", "-> HANDLER_FAILED",
                    "-> REJECTED_SIGNATURE", "-> REJECTED_UNDECRYPTABLE");
            secrets.forEach((secret) -> assertThat(output.getAll()).doesNotContain(secret));
        }
    }

    @Test
    void logBodiesShowsTheResourceWithOpenidsMasked(CapturedOutput output) {
        try (ConfigurableApplicationContext app = app(Stack.MVC, true)) {
            List<String> secrets = deliverAll(app);
            awaitLogged(output, 4);
            assertThat(output.getAll()).contains("resource: {").contains("\"openid\":\"******\"")
                .contains("CARD-LOG-1");
            secrets.stream().filter((secret) -> !secret.equals("CARD-LOG-1\""))
                .forEach((secret) -> assertThat(output.getAll()).doesNotContain(secret));
        }
    }

    /** The log line is written before the reply goes out; still, give the output a moment to show it. */
    private static void awaitLogged(CapturedOutput output, int lines) {
        Awaitility.await().atMost(Duration.ofSeconds(5))
            .until(() -> output.getAll().split("WeChat Pay notification ", -1).length - 1 >= lines);
    }
}
