package io.github.discountcard.client;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.discountcard.client.model.AddUserRecordsRequest;
import io.github.discountcard.client.model.CardState;
import io.github.discountcard.client.model.CountType;
import io.github.discountcard.client.model.DiscountCard;
import io.github.discountcard.client.model.ObjectiveCompletionRecord;
import io.github.discountcard.client.model.PayState;
import io.github.discountcard.client.model.PrepareCardRequest;
import io.github.discountcard.client.model.PrepareCardResponse;
import io.github.discountcard.client.model.RecordType;
import io.github.discountcard.client.model.RewardUsageRecord;
import io.github.discountcard.client.model.UnfinishedReason;
import io.github.discountcard.core.ResponseVerifier;
import io.github.discountcard.core.VerificationFailure;
import io.github.discountcard.test.CardTemplate;
import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.DiscountCardSimulatorExtension;
import io.github.discountcard.test.Fault;
import io.github.discountcard.test.ReceivedRequest;
import io.github.discountcard.test.SimulatedCard;
import io.github.discountcard.test.TestMerchant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cards-family calls over real HTTP on loopback against the simulator, which checks signatures like WeChat. */
class CardCallsTests {

    @RegisterExtension
    static final DiscountCardSimulatorExtension extension = new DiscountCardSimulatorExtension();

    static final TestMerchant merchant = TestMerchant.generate();

    static final String TEMPLATE = "CTA27E34ABCDE";

    static final String APPID = "wxd678efh567hg6787";

    static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    static final OffsetDateTime TIME = OffsetDateTime.of(2026, 5, 20, 13, 29, 35, 120_000_000, BEIJING);

    static final AtomicInteger ids = new AtomicInteger();

    static DiscountCardSimulator simulator;

    static WebClientDiscountCardClient client;

    @BeforeAll
    static void setUp() {
        simulator = extension.simulator();
        simulator.registerMerchant(merchant);
        simulator.registerCardTemplate(CardTemplate.sample(TEMPLATE));
        client = WebClientDiscountCardClient.builder()
            .retryPolicy(RetryPolicy.NONE)
            .baseUrl(simulator.baseUrl())
            .signer(merchant.signer())
            .verifier(new ResponseVerifier(simulator.verificationKeys()))
            .build();
    }

    static PrepareCardRequest prepareRequest(String outCardCode) {
        return PrepareCardRequest.builder().outCardCode(outCardCode).cardTemplateId(TEMPLATE).appid(APPID)
            .notifyUrl("https://merchant.example.com/wechatpay/cards").build();
    }

    /** Prepared over HTTP and claimed by the simulated user. */
    static String claimedCard() {
        String outCardCode = "CARD-" + ids.incrementAndGet() + "-" + System.nanoTime() % 100_000;
        client.prepareCard(prepareRequest(outCardCode)).block();
        simulator.claimCard(outCardCode);
        simulator.reset();
        return outCardCode;
    }

    static ObjectiveCompletionRecord completion(String serial) {
        return completionBuilder(serial).build();
    }

    static ObjectiveCompletionRecord.Builder completionBuilder(String serial) {
        return ObjectiveCompletionRecord.builder().objectiveCompletionSerialNo(serial).objectiveId("OBJ-1")
            .completionTime(TIME).completionType(RecordType.INCREASE).description("到店消费").completionCount(1)
            .remark("门店 A");
    }

    static RewardUsageRecord usage(String serial, long amount) {
        return RewardUsageRecord.builder().rewardUsageSerialNo(serial).rewardId("RWD-1").usageTime(TIME)
            .usageType(RecordType.INCREASE).description("消费立减").usageCount(1).amount(amount).build();
    }

    static AddUserRecordsRequest records(ObjectiveCompletionRecord completion, RewardUsageRecord... usages) {
        return AddUserRecordsRequest.builder().cardTemplateId(TEMPLATE).objectiveCompletionRecord(completion)
            .rewardUsageRecords(List.of(usages)).build();
    }

    @Test
    void prepareClaimRecordAndQueryDeliverEveryFieldTyped() {
        String outCardCode = "LIFE-" + ids.incrementAndGet();
        PrepareCardResponse prepared = client.prepareCard(prepareRequest(outCardCode)).block();
        assertThat(prepared.prepareCardToken()).isEqualTo(simulator.preparedCard(outCardCode).orElseThrow()
            .prepareCardToken());
        ReceivedRequest prepareRequest = simulator.lastRequest().orElseThrow();
        assertThat(prepareRequest.method()).isEqualTo("POST");
        assertThat(prepareRequest.rawTarget()).isEqualTo("/v3/discount-card/cards");
        assertThat(prepareRequest.bodyAsString()).contains("\"out_card_code\":\"" + outCardCode + "\"",
                "\"card_template_id\":\"" + TEMPLATE + "\"", "\"appid\":\"" + APPID + "\"", "\"notify_url\"");

        simulator.claimCard(outCardCode, "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", "oUpF8uMuAJO_M2pxb1Q9zNjWeS70");
        client.addUserRecords(outCardCode, records(completion("C-1"), usage("U-1", 500), usage("U-2", 500)))
            .block();
        ReceivedRequest recordsRequest = simulator.lastRequest().orElseThrow();
        assertThat(recordsRequest.rawTarget()).isEqualTo("/v3/discount-card/cards/" + outCardCode
                + "/add-user-records");
        assertThat(recordsRequest.status()).isEqualTo(204);

        DiscountCard card = client.getCard(outCardCode).block();
        SimulatedCard expected = simulator.card(outCardCode).orElseThrow();
        assertThat(card.cardId()).isEqualTo(expected.cardId());
        assertThat(card.cardTemplateId()).isEqualTo(TEMPLATE);
        assertThat(card.openid()).isEqualTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
        assertThat(card.outCardCode()).isEqualTo(outCardCode);
        assertThat(card.appid()).isEqualTo(APPID);
        assertThat(card.mchid()).isEqualTo(merchant.mchId());
        assertThat(card.timeRange().beginTime()).isEqualTo(expected.beginTime());
        assertThat(card.timeRange().endTime()).isEqualTo(expected.endTime());
        assertThat(card.timeRange().beginTime().getOffset()).isEqualTo(BEIJING);
        assertThat(card.state()).isSameAs(CardState.ONGOING);
        assertThat(card.createTime()).isEqualTo(expected.createTime());
        assertThat(card.sharerOpenid()).isEqualTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS70");
        assertThat(card.objectives()).singleElement().satisfies((objective) -> {
            assertThat(objective.objectiveId()).isEqualTo("OBJ-1");
            assertThat(objective.name()).isEqualTo("到店消费");
            assertThat(objective.count()).isEqualTo(3L);
            assertThat(objective.unit()).isEqualTo("次");
            assertThat(objective.description()).isNotBlank();
            assertThat(objective.objectiveCompletionRecords()).containsExactly(completion("C-1"));
        });
        assertThat(card.rewards()).singleElement().satisfies((reward) -> {
            assertThat(reward.rewardId()).isEqualTo("RWD-1");
            assertThat(reward.countType()).isSameAs(CountType.COUNT_LIMIT);
            assertThat(reward.amount()).isEqualTo(500L);
            assertThat(reward.rewardUsageRecords()).containsExactly(usage("U-1", 500), usage("U-2", 500));
        });

        simulator.endCardUnfinished(outCardCode, "EARLY_QUIT");
        DiscountCard ended = client.getCard(outCardCode).block();
        assertThat(ended.state()).isSameAs(CardState.UNFINISHED);
        assertThat(ended.unfinishedReason()).isSameAs(UnfinishedReason.EARLY_QUIT);
        assertThat(ended.totalAmount()).isEqualTo(1000L);
        assertThat(ended.payInformation().payState()).isSameAs(PayState.PAYING);
        simulator.payCardChargeBack(outCardCode);
        DiscountCard paid = client.getCard(outCardCode).block();
        assertThat(paid.payInformation().payState()).isSameAs(PayState.PAID);
        assertThat(paid.payInformation().payAmount()).isEqualTo(1000L);
        assertThat(paid.payInformation().transactionId()).isNotBlank();
        assertThat(paid.payInformation().payTime()).isNotNull();
        assertThat(paid.toString()).doesNotContain("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
    }

    @Test
    void aRepeatedSerialNumberCountsOnce() {
        String outCardCode = claimedCard();
        client.addUserRecords(outCardCode, records(completion("SAME-1"), usage("SAME-U", 500))).block();
        client.addUserRecords(outCardCode, records(completion("SAME-1"), usage("SAME-U", 500))).block();
        DiscountCard card = client.getCard(outCardCode).block();
        assertThat(card.objectives().get(0).objectiveCompletionRecords()).hasSize(1);
        assertThat(card.rewards().get(0).rewardUsageRecords()).hasSize(1);
    }

    @Test
    void aRetriedAddUserRecordsAfterALostAnswerCountsOnce() {
        String outCardCode = claimedCard();
        WebClientDiscountCardClient retrying = WebClientDiscountCardClient.builder()
            .retryPolicy(new RetryPolicy(3, java.time.Duration.ZERO, java.time.Duration.ZERO, 0))
            .baseUrl(simulator.baseUrl())
            .signer(merchant.signer())
            .verifier(new ResponseVerifier(simulator.verificationKeys()))
            .build();
        simulator.failNext(Fault.CONNECTION_RESET_AFTER_APPLY);
        retrying.addUserRecords(outCardCode, records(completion("RETRY-1"), usage("RETRY-U", 500))).block();
        assertThat(simulator.requests()).extracting(ReceivedRequest::status).containsExactly(0, 204);
        assertThat(simulator.card(outCardCode).orElseThrow().usedAmount()).isEqualTo(500L);
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = { "BAD_SIGNATURE", "MISSING_SIGNATURE", "STALE_TIMESTAMP",
            "PROBE_SIGNATURE", "UNKNOWN_SERIAL", "TAMPERED_BODY" })
    void a204ThatFailsVerificationIsNeverASuccess(Fault fault) {
        String outCardCode = claimedCard();
        VerificationFailure expected = SignatureFaults.expectedFailure(fault);
        simulator.failNext(fault);
        assertThatThrownBy(() -> client.addUserRecords(outCardCode, records(completion("F-1"))).block())
            .isInstanceOfSatisfying(WechatPaySignatureException.class, (ex) -> {
                assertThat(ex.reason()).isEqualTo(expected);
                assertThat(ex.requestId()).isNotBlank();
            });
        assertThat(simulator.lastRequest().orElseThrow().status()).isEqualTo(204);
        // the next, untouched 204 verifies
        client.addUserRecords(outCardCode, records(completion("F-2"))).block();
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = { "BAD_SIGNATURE", "PROBE_SIGNATURE", "TAMPERED_BODY" })
    void preparesAndQueriesThatFailVerificationNeverReachTheCaller(Fault fault) {
        String outCardCode = claimedCard();
        simulator.failNext(fault, 2);
        assertThatThrownBy(() -> client.getCard(outCardCode).block())
            .isInstanceOf(WechatPaySignatureException.class);
        assertThatThrownBy(() -> client.prepareCard(prepareRequest("FAULT-" + ids.incrementAndGet())).block())
            .isInstanceOf(WechatPaySignatureException.class);
    }

    @Test
    void anAnswerForAnotherCardIsRefused() {
        String outCardCode = claimedCard();
        simulator.updateCard(outCardCode, (card) -> card.withOutCardCode("SOMEONE-ELSES-CARD"));
        assertThatThrownBy(() -> client.getCard(outCardCode).block())
            .isInstanceOfSatisfying(WechatPayInvalidResponseException.class, (ex) -> {
                assertThat(ex.getMessage()).contains("answer for another card", outCardCode);
                assertThat(ex.requestId()).isNotBlank();
            });
    }

    @Test
    void anUnknownCardIsResourceNotExistsWithRequestId() {
        assertThatThrownBy(() -> client.getCard("NO-SUCH-CARD").block())
            .isInstanceOfSatisfying(WechatPayServiceException.class, (ex) -> {
                assertThat(ex.statusCode()).isEqualTo(404);
                assertThat(ex.code()).isEqualTo("RESOURCE_NOT_EXISTS");
                assertThat(ex.requestId()).isNotBlank();
                assertThat(ex.signatureVerified()).isTrue();
            });
        assertThatThrownBy(() -> client.addUserRecords("NO-SUCH-CARD", records(completion("N-1"))).block())
            .isInstanceOfSatisfying(WechatPayServiceException.class,
                    (ex) -> assertThat(ex.code()).isEqualTo("RESOURCE_NOT_EXISTS"));
    }

    @Test
    void unknownEnumValuesFromWeChatSurvive() {
        String outCardCode = claimedCard();
        simulator.updateCard(outCardCode, (card) -> card.withState("SUSPENDED", "BANNED")
            .withPayment(10L, new SimulatedCard.Payment(10, "REFUNDED", null, null)));
        DiscountCard card = client.getCard(outCardCode).block();
        assertThat(card.state().isKnown()).isFalse();
        assertThat(card.state().value()).isEqualTo("SUSPENDED");
        assertThat(card.unfinishedReason().value()).isEqualTo("BANNED");
        assertThat(card.payInformation().payState().value()).isEqualTo("REFUNDED");
    }

    @Test
    void serverErrorsOnRecordsAreRetryableServiceErrors() {
        String outCardCode = claimedCard();
        simulator.failNext(Fault.SERVER_ERROR);
        assertThatThrownBy(() -> client.addUserRecords(outCardCode, records(completion("E-1"))).block())
            .isInstanceOfSatisfying(WechatPayServiceException.class, (ex) -> {
                assertThat(ex.statusCode()).isEqualTo(500);
                assertThat(ex.isRetryable()).isTrue();
            });
        assertThat(simulator.card(outCardCode).orElseThrow().objectives().get(0).records()).isEmpty();
    }

    @Test
    void validationRefusesEachRuleBeforeSendingNamingTheField() {
        assertThatThrownBy(() -> client.prepareCard(prepareRequest("a".repeat(33))).block())
            .isInstanceOf(WechatPayInvalidRequestException.class).hasMessageContaining("out_card_code");
        assertThatThrownBy(() -> client.prepareCard(PrepareCardRequest.builder().outCardCode("C1")
            .cardTemplateId("t".repeat(65)).appid("wx12").notifyUrl("http://example.com/n").build()).block())
            .isInstanceOfSatisfying(WechatPayInvalidRequestException.class, (ex) -> assertThat(ex.problems())
                .anyMatch((p) -> p.startsWith("card_template_id")).anyMatch((p) -> p.startsWith("appid"))
                .anyMatch((p) -> p.startsWith("notify_url")));
        assertThatThrownBy(() -> client.addUserRecords("C1", AddUserRecordsRequest.builder().cardTemplateId(TEMPLATE)
            .build()).block())
            .isInstanceOf(WechatPayInvalidRequestException.class).hasMessageContaining("at least one record");
        assertThatThrownBy(() -> client.addUserRecords("C1", records(completionBuilder("X").remark("r".repeat(51)).build()))
            .block())
            .isInstanceOf(WechatPayInvalidRequestException.class)
            .hasMessageContaining("objective_completion_records[0].remark");
        assertThatThrownBy(() -> client.addUserRecords("C1", records(completion("X"), usage("U", 0))).block())
            .isInstanceOf(WechatPayInvalidRequestException.class)
            .hasMessageContaining("reward_usage_records[0].amount must be more than 0");
        assertThatThrownBy(() -> client.addUserRecords("C1", AddUserRecordsRequest.builder().cardTemplateId(TEMPLATE)
            .objectiveCompletionRecord(completion("A")).objectiveCompletionRecord(completion("B")).build()).block())
            .isInstanceOf(WechatPayInvalidRequestException.class)
            .hasMessageContaining("at most one objective completion record per call");
        assertThatThrownBy(() -> client.prepareCard(null).block()).isInstanceOf(WechatPayInvalidRequestException.class);
        assertThat(simulator.requestCount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = { "../orders/x", "a/b", "a?b", "a#b", "%2F", "..", ".", "a b", "卡-1", "a;b", "a\nb", "" })
    void pathInjectionValuesNeverReachAnotherPath(String outCardCode) {
        assertThatThrownBy(() -> client.getCard(outCardCode).block())
            .isInstanceOfSatisfying(WechatPayInvalidRequestException.class,
                    (ex) -> assertThat(ex.problems()).singleElement().asString().startsWith("out_card_code"));
        assertThatThrownBy(() -> client.addUserRecords(outCardCode, records(completion("P-1"))).block())
            .isInstanceOf(WechatPayInvalidRequestException.class).hasMessageContaining("out_card_code");
        assertThat(simulator.requestCount()).isZero();
    }

    @Test
    void theFullAlphabetOfCardCodesIsEncodedAsOneSegment() {
        String outCardCode = "az_AZ-09|*" + ids.incrementAndGet();
        client.prepareCard(prepareRequest(outCardCode)).block();
        simulator.claimCard(outCardCode);
        client.addUserRecords(outCardCode, records(completion("ALPHA-1"))).block();
        assertThat(client.getCard(outCardCode).block().outCardCode()).isEqualTo(outCardCode);
        String encoded = outCardCode.replace("|", "%7C").replace("*", "%2A");
        assertThat(simulator.requests()).extracting(ReceivedRequest::rawTarget).containsExactly(
                "/v3/discount-card/cards", "/v3/discount-card/cards/" + encoded + "/add-user-records",
                "/v3/discount-card/cards/" + encoded);
    }

    @Test
    void oneObservationPerCallTaggedWithTheTemplateNeverTheCardCode() {
        String outCardCode = claimedCard();
        io.micrometer.observation.tck.TestObservationRegistry registry =
                io.micrometer.observation.tck.TestObservationRegistry.create();
        List<io.micrometer.observation.Observation.Context> stopped = new java.util.concurrent.CopyOnWriteArrayList<>();
        registry.observationConfig().observationHandler(new io.micrometer.observation.ObservationHandler<>() {
            @Override
            public boolean supportsContext(io.micrometer.observation.Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(io.micrometer.observation.Observation.Context context) {
                stopped.add(context);
            }
        });
        WebClientDiscountCardClient observed = WebClientDiscountCardClient.builder()
            .retryPolicy(RetryPolicy.NONE)
            .baseUrl(simulator.baseUrl())
            .signer(merchant.signer())
            .verifier(new ResponseVerifier(simulator.verificationKeys()))
            .observationRegistry(registry)
            .webClientBuilder(org.springframework.web.reactive.function.client.WebClient.builder()
                .observationRegistry(registry))
            .build();
        observed.addUserRecords(outCardCode, records(completion("OBS-1"))).block();
        observed.getCard(outCardCode).block();
        io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat(registry)
            .hasNumberOfObservationsWithNameEqualTo(CallObservation.NAME, 2)
            .hasAnObservation((o) -> o.hasNameEqualTo(CallObservation.NAME)
                .hasLowCardinalityKeyValue("operation", "addUserRecords")
                .hasLowCardinalityKeyValue("status", "204")
                .hasLowCardinalityKeyValue("outcome", "SUCCESS"))
            .hasAnObservation((o) -> o.hasNameEqualTo(CallObservation.NAME)
                .hasLowCardinalityKeyValue("operation", "getCard"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() -> {
            List<String> uris = stopped.stream()
                .filter((c) -> c.getName().equals("http.client.requests"))
                .map((c) -> String.valueOf(c.getLowCardinalityKeyValue("uri").getValue()))
                .toList();
            assertThat(uris).hasSize(2).allSatisfy((uri) -> assertThat(uri).doesNotContain(outCardCode));
            assertThat(String.join(" ", uris)).contains("/v3/discount-card/cards/{out_card_code}/add-user-records",
                    "/v3/discount-card/cards/{out_card_code}");
        });
    }

    @Test
    void aPrepareAnswerWithoutTokenIsAnInvalidResponse() {
        assertThat(CardRequests.hasToken().check(new PrepareCardResponse(" "), "REQ-1"))
            .isInstanceOf(WechatPayInvalidResponseException.class).hasMessageContaining("prepare_card_token")
            .hasMessageContaining("REQ-1");
        assertThat(CardRequests.hasToken().check(new PrepareCardResponse("t+/="), "REQ-2")).isNull();
    }
}
