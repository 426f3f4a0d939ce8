package io.github.discountcard.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.discountcard.core.ResponseSignature;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cards family on the simulator, through a JDK client signed and verified by the core. */
class SimulatorCardTest {

    @RegisterExtension
    static final DiscountCardSimulatorExtension wechatPay = new DiscountCardSimulatorExtension();

    static final TestMerchant MERCHANT = TestMerchant.generate("1900000109");

    static final String TEMPLATE = "CT-SIM-1";

    static final String CARDS = "/v3/discount-card/cards";

    static final String TIME = "2015-05-20T13:29:35.120+08:00";

    static final AtomicInteger CODES = new AtomicInteger();

    static SignedClient client;

    static final List<CardEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void register(DiscountCardSimulator simulator) {
        simulator.registerMerchant(MERCHANT);
        simulator.registerCardTemplate(CardTemplate.sample(TEMPLATE));
        simulator.onCardEvent(events::add);
        client = new SignedClient(simulator, MERCHANT);
    }

    static String prepareBody(String outCardCode) {
        return "{\"out_card_code\":\"" + outCardCode + "\",\"card_template_id\":\"" + TEMPLATE
                + "\",\"appid\":\"wxd678efh567hg6787\",\"notify_url\":\"https://merchant.example.com/n\"}";
    }

    static String completion(String serial, String type) {
        return "{\"objective_completion_serial_no\":\"" + serial + "\",\"objective_id\":\"OBJ-1\",\"completion_time\":\""
                + TIME + "\",\"completion_type\":\"" + type + "\",\"description\":\"到店消费\",\"completion_count\":1}";
    }

    static String usage(String serial, long amount) {
        return "{\"reward_usage_serial_no\":\"" + serial + "\",\"reward_id\":\"RWD-1\",\"usage_time\":\"" + TIME
                + "\",\"usage_type\":\"INCREASE\",\"description\":\"消费立减\",\"usage_count\":1,\"amount\":" + amount + "}";
    }

    static String records(List<String> completions, List<String> usages) {
        return "{\"card_template_id\":\"" + TEMPLATE + "\",\"objective_completion_records\":["
                + String.join(",", completions) + "],\"reward_usage_records\":[" + String.join(",", usages) + "]}";
    }

    static String claimed(DiscountCardSimulator simulator) throws IOException {
        String code = "SIM-CARD-" + CODES.incrementAndGet();
        assertThat(client.send("POST", CARDS, prepareBody(code), java.util.Map.of()).status()).isEqualTo(200);
        simulator.claimCard(code);
        return code;
    }

    @Test
    void prepareAnswersAUrlUnsafeTokenAndIsIdempotentPerCardCode(DiscountCardSimulator simulator) throws IOException {
        String code = "SIM-PREP-" + CODES.incrementAndGet();
        SignedClient.Response first = client.send("POST", CARDS, prepareBody(code), java.util.Map.of());
        assertThat(first.status()).isEqualTo(200);
        client.verify(first);
        String token = first.json().get("prepare_card_token").stringValue();
        assertThat(token).endsWith("==").hasSizeLessThanOrEqualTo(256);
        assertThat(Base64.getDecoder().decode(token)).hasSize(34);
        SignedClient.Response again = client.send("POST", CARDS, prepareBody(code), java.util.Map.of());
        assertThat(again.json().get("prepare_card_token").stringValue()).isEqualTo(token);
        assertThat(simulator.preparedCard(code).orElseThrow().mchid()).isEqualTo(MERCHANT.mchId());
        assertThat(simulator.card(code)).isEmpty();

        SignedClient.Response unknownTemplate = client.send("POST", CARDS,
                prepareBody("SIM-X-" + CODES.incrementAndGet()).replace(TEMPLATE, "NO-SUCH-TEMPLATE"),
                java.util.Map.of());
        assertThat(unknownTemplate.status()).isEqualTo(400);
        assertThat(unknownTemplate.json().get("detail").get("field").stringValue()).isEqualTo("card_template_id");

        simulator.claimCard(code);
        SignedClient.Response afterClaim = client.send("POST", CARDS, prepareBody(code), java.util.Map.of());
        assertThat(afterClaim.status()).isEqualTo(400);
        assertThat(afterClaim.code()).isEqualTo("INVALID_REQUEST");
    }

    @Test
    void addUserRecordsAnswersASigned204OverAnEmptyBodyLine(DiscountCardSimulator simulator) throws Exception {
        String code = claimed(simulator);
        SignedClient.Response response = client.send("POST", CARDS + "/" + code + "/add-user-records",
                records(List.of(completion("C-1", "INCREASE")), List.of(usage("U-1", 500))), java.util.Map.of());
        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(response.header("Request-ID")).isNotBlank();
        assertThat(response.header("Content-Length")).isNull();
        // recomputed here: timestamp\nnonce\n\n
        ResponseSignature signature = response.signature();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(simulator.platformPublicKey());
        verifier.update((signature.timestamp() + "\n" + signature.nonce() + "\n\n").getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(Base64.getDecoder().decode(signature.signature()))).isTrue();

        SimulatedCard card = simulator.card(code).orElseThrow();
        assertThat(card.objectives().get(0).records()).singleElement()
            .satisfies((r) -> assertThat(r.serialNo()).isEqualTo("C-1"));
        assertThat(card.usedAmount()).isEqualTo(500);
    }

    @Test
    void recordsAreAppliedOncePerSerialNumber(DiscountCardSimulator simulator) throws IOException {
        String code = claimed(simulator);
        String path = CARDS + "/" + code + "/add-user-records";
        for (int i = 0; i < 3; i++) {
            assertThat(client.send("POST", path, records(List.of(completion("SAME", "INCREASE")),
                    List.of(usage("SAME-U", 300))), java.util.Map.of()).status()).isEqualTo(204);
        }
        assertThat(client.send("POST", path, records(List.of(completion("REVERSAL", "DECREASE")), List.of()),
                java.util.Map.of()).status()).isEqualTo(204);
        SimulatedCard card = simulator.card(code).orElseThrow();
        assertThat(card.objectives().get(0).records()).extracting(SimulatedCard.CompletionRecord::serialNo)
            .containsExactly("SAME", "REVERSAL");
        assertThat(card.usedAmount()).isEqualTo(300);
    }

    @Test
    void queryAnswersEveryDocumentedField(DiscountCardSimulator simulator) throws IOException {
        String code = claimed(simulator);
        client.send("POST", CARDS + "/" + code + "/add-user-records",
                records(List.of(completion("Q-1", "INCREASE")), List.of(usage("Q-U", 500))), java.util.Map.of());
        SignedClient.Response response = client.get(CARDS + "/" + code);
        assertThat(response.status()).isEqualTo(200);
        client.verify(response);
        JsonNode card = response.json();
        for (String field : List.of("card_id", "card_template_id", "openid", "out_card_code", "appid", "mchid",
                "state", "create_time")) {
            assertThat(card.get(field).stringValue()).as(field).isNotBlank();
        }
        assertThat(card.get("time_range").get("begin_time").stringValue()).endsWith("+08:00");
        assertThat(card.get("state").stringValue()).isEqualTo("ONGOING");
        JsonNode objective = card.get("objectives").get(0);
        assertThat(objective.get("objective_id").isString()).as("ids are strings in this family").isTrue();
        assertThat(objective.get("objective_completion_records").get(0).get("completion_time").stringValue())
            .isEqualTo(TIME);
        JsonNode reward = card.get("rewards").get(0);
        assertThat(reward.get("count_type").stringValue()).isEqualTo("COUNT_LIMIT");
        assertThat(reward.get("reward_usage_records").get(0).get("amount").longValue()).isEqualTo(500);
    }

    @Test
    void documentedErrorsCarryARequestIdAndAreSigned(DiscountCardSimulator simulator) throws IOException {
        String code = claimed(simulator);
        String path = CARDS + "/" + code + "/add-user-records";
        List<SignedClient.Response> errors = new ArrayList<>();
        SignedClient.Response two = client.send("POST", path, records(List.of(completion("A", "INCREASE"),
                completion("B", "INCREASE")), List.of()), java.util.Map.of());
        assertThat(two.status()).isEqualTo(400);
        assertThat(two.json().get("detail").get("field").stringValue()).isEqualTo("objective_completion_records");
        errors.add(two);
        SignedClient.Response zero = client.send("POST", path, records(List.of(), List.of(usage("Z", 0))),
                java.util.Map.of());
        assertThat(zero.json().get("detail").get("field").stringValue()).isEqualTo("reward_usage_records[0].amount");
        errors.add(zero);
        SignedClient.Response unknownObjective = client.send("POST", path,
                records(List.of(completion("O", "INCREASE").replace("OBJ-1", "OBJ-9")), List.of()), java.util.Map.of());
        assertThat(unknownObjective.json().get("detail").get("field").stringValue())
            .isEqualTo("objective_completion_records[0].objective_id");
        errors.add(unknownObjective);
        for (String target : List.of(CARDS + "/NO-SUCH-CARD", CARDS + "/NO-SUCH-CARD/add-user-records")) {
            SignedClient.Response missing = target.endsWith("records")
                    ? client.send("POST", target, records(List.of(completion("M", "INCREASE")), List.of()),
                            java.util.Map.of())
                    : client.get(target);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.code()).isEqualTo("RESOURCE_NOT_EXISTS");
            errors.add(missing);
        }
        TestMerchant stranger = TestMerchant.generate("1900000999");
        simulator.registerMerchant(stranger);
        SignedClient.Response otherMerchant = new SignedClient(simulator, stranger).get(CARDS + "/" + code);
        assertThat(otherMerchant.code()).as("another merchant's card is unknown").isEqualTo("RESOURCE_NOT_EXISTS");
        SignedClient.Response unsigned = client.sendRaw("GET", CARDS + "/" + code, new byte[0], null,
                java.util.Map.of());
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.code()).isEqualTo("SIGN_ERROR");
        errors.add(unsigned);
        assertThat(errors).allSatisfy((error) -> {
            assertThat(error.header("Request-ID")).isNotBlank();
            client.verify(error);
        });
        assertThat(simulator.card(code).orElseThrow().objectives().get(0).records()).isEmpty();
    }

    @Test
    void faultKnobsApplyToCardCalls(DiscountCardSimulator simulator) throws IOException {
        String code = claimed(simulator);
        simulator.failNext(Fault.SERVER_ERROR);
        SignedClient.Response failed = client.send("POST", CARDS + "/" + code + "/add-user-records",
                records(List.of(completion("FAULT", "INCREASE")), List.of()), java.util.Map.of());
        assertThat(failed.status()).isEqualTo(500);
        assertThat(simulator.card(code).orElseThrow().objectives().get(0).records()).isEmpty();
        simulator.failNext(Fault.MISSING_SIGNATURE);
        assertThat(client.get(CARDS + "/" + code).header("Wechatpay-Signature")).isNull();
    }

    @Test
    void theSimulatedUserWalksTheLifecycleAndEachStepIsAnEvent(DiscountCardSimulator simulator) throws IOException {
        String code = claimed(simulator);
        client.send("POST", CARDS + "/" + code + "/add-user-records",
                records(List.of(), List.of(usage("L-1", 500))), java.util.Map.of());
        SimulatedCard ended = simulator.endCardUnfinished(code, "DUE_TO_QUIT");
        assertThat(ended.state()).isEqualTo("UNFINISHED");
        assertThat(ended.unfinishedReason()).isEqualTo("DUE_TO_QUIT");
        assertThat(ended.totalAmount()).isEqualTo(500L);
        assertThat(ended.payInformation().payState()).isEqualTo("PAYING");
        SimulatedCard paid = simulator.payCardChargeBack(code);
        assertThat(paid.payInformation().payState()).isEqualTo("PAID");
        assertThat(paid.payInformation().transactionId()).isNotBlank();
        assertThat(events).filteredOn((e) -> e.card().outCardCode().equals(code)).extracting(CardEvent::eventType)
            .containsExactly(CardEvent.USER_ACCEPTED, CardEvent.AGREEMENT_ENDED, CardEvent.USER_PAID);
        assertThatThrownBy(() -> simulator.payCardChargeBack(code)).isInstanceOf(IllegalStateException.class);
        SignedClient.Response late = client.send("POST", CARDS + "/" + code + "/add-user-records",
                records(List.of(), List.of(usage("L-2", 500))), java.util.Map.of());
        assertThat(late.code()).isEqualTo("INVALID_REQUEST");

        String finished = claimed(simulator);
        SimulatedCard done = simulator.finishCard(finished);
        assertThat(done.state()).isEqualTo("FINISHED");
        assertThat(done.payInformation()).isNull();
        assertThatThrownBy(() -> simulator.claimCard("NEVER-PREPARED")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cardCodesStayOneSegment() throws IOException {
        for (String target : List.of(CARDS + "/a/b", CARDS + "/a/b/add-user-records", CARDS + "/",
                CARDS + "//add-user-records")) {
            SignedClient.Response response = target.endsWith("records")
                    ? client.send("POST", target, records(List.of(completion("S", "INCREASE")), List.of()),
                            java.util.Map.of())
                    : client.get(target);
            assertThat(response.status()).as(target).isEqualTo(404);
            assertThat(response.code()).isEqualTo("RESOURCE_NOT_EXISTS");
        }
    }
}
