package io.github.discountcard.client.model;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DiscountCardTests {

    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    private final ObjectMapper mapper = JsonMapper.builder().build();

    static ObjectMapper[] plainMappers() {
        return ModelExamples.plainMappers();
    }

    @ParameterizedTest
    @MethodSource("plainMappers")
    void readsEveryDocumentedFieldTyped(ObjectMapper mapper) {
        DiscountCard card = mapper.readValue(CardModelExamples.FULL_CARD, DiscountCard.class);

        assertThat(card.cardId()).isEqualTo("2000000000001");
        assertThat(card.cardTemplateId()).isEqualTo("CTA27E34ABCDE");
        assertThat(card.openid()).isEqualTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
        assertThat(card.outCardCode()).isEqualTo("150000000000001");
        assertThat(card.appid()).isEqualTo("wxd678efh567hg6787");
        assertThat(card.mchid()).isEqualTo("1900000109");
        assertThat(card.timeRange()).isEqualTo(new CardTimeRange(
                OffsetDateTime.of(2015, 5, 20, 13, 29, 35, 120_000_000, BEIJING),
                OffsetDateTime.of(2015, 6, 20, 13, 29, 35, 0, BEIJING)));
        assertThat(card.state()).isSameAs(CardState.UNFINISHED);
        assertThat(card.unfinishedReason()).isSameAs(UnfinishedReason.EARLY_QUIT);
        assertThat(card.totalAmount()).isEqualTo(500L);
        assertThat(card.payInformation()).isEqualTo(new PayInformation(500L, PayState.PAID,
                "4200000000000000000000000000", OffsetDateTime.of(2015, 6, 21, 9, 0, 0, 1_000_000, BEIJING)));
        assertThat(card.createTime()).isEqualTo(OffsetDateTime.of(2015, 5, 20, 13, 29, 35, 120_000_000, BEIJING));
        assertThat(card.objectives()).containsExactly(new CardObjective("123456", "打车", 10L, "次", "打车10次",
                java.util.List.of(new ObjectiveCompletionRecord("578354545", "123456",
                        OffsetDateTime.of(2015, 5, 20, 13, 29, 35, 120_000_000, BEIJING), RecordType.INCREASE,
                        "用户完成了一次打车", 1L, "微信支付打车"))));
        assertThat(card.rewards()).containsExactly(new CardReward("654321", "打车立减", CountType.COUNT_LIMIT, 10L, "次",
                500L, "每次打车立减5元", java.util.List.of(new RewardUsageRecord("578354", "654321",
                        OffsetDateTime.of(2015, 5, 21, 8, 0, 0, 0, ZoneOffset.UTC), RecordType.DECREASE, "打车退款", 1L,
                        500L, null))));
        assertThat(card.sharerOpenid()).isEqualTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS70");
    }

    @ParameterizedTest
    @MethodSource("plainMappers")
    void jsonRoundTripKeepsEveryField(ObjectMapper mapper) {
        DiscountCard card = mapper.readValue(CardModelExamples.FULL_CARD, DiscountCard.class);
        String written = mapper.writeValueAsString(card);

        assertThat(mapper.readTree(written)).isEqualTo(mapper.readTree(CardModelExamples.FULL_CARD));
        assertThat(mapper.readValue(written, DiscountCard.class)).isEqualTo(card);
    }

    @Test
    void requestsRoundTripWithTheirExactNames() {
        PrepareCardRequest prepare = this.mapper.readValue(CardModelExamples.PREPARE_REQUEST, PrepareCardRequest.class);
        assertThat(prepare).isEqualTo(PrepareCardRequest.builder().outCardCode("150000000000001")
            .cardTemplateId("CTA27E34ABCDE").appid("wxd678efh567hg6787")
            .notifyUrl("https://api.example.com/wechatpay/notifications").build());
        assertThat(this.mapper.readTree(this.mapper.writeValueAsString(prepare)))
            .isEqualTo(this.mapper.readTree(CardModelExamples.PREPARE_REQUEST));

        AddUserRecordsRequest records = this.mapper.readValue(CardModelExamples.ADD_USER_RECORDS_REQUEST,
                AddUserRecordsRequest.class);
        assertThat(records.problems()).isEmpty();
        assertThat(records.rewardUsageRecords().get(0).usageTime())
            .as("two fractional digits read leniently").isEqualTo(OffsetDateTime.of(2015, 5, 20, 13, 29, 35,
                    120_000_000, BEIJING));
        String written = this.mapper.writeValueAsString(records);
        assertThat(written).contains("\"completion_time\":\"2015-05-20T13:29:35.120+08:00\"");
        assertThat(this.mapper.readValue(written, AddUserRecordsRequest.class)).isEqualTo(records);

        PrepareCardResponse response = this.mapper.readValue("{\"prepare_card_token\":\"abc+/=\",\"new\":1}",
                PrepareCardResponse.class);
        assertThat(response.prepareCardToken()).isEqualTo("abc+/=");
        assertThat(response.unknownFields()).containsExactly(Map.entry("new", 1));
        assertThat(this.mapper.writeValueAsString(response)).isEqualTo("{\"prepare_card_token\":\"abc+/=\",\"new\":1}");
    }

    @Test
    void unknownValuesAndFieldsSurvive() {
        String json = CardModelExamples.FULL_CARD.replace("\"UNFINISHED\"", "\"SUSPENDED\"")
            .replace("\"EARLY_QUIT\"", "\"BANNED\"")
            .replace("\"PAID\"", "\"REFUNDED\"")
            .replace("\"COUNT_LIMIT\"", "\"COUNT_DAILY\"")
            .replace("\"INCREASE\"", "\"RESET\"")
            .replace("\"card_id\"", "\"future_field\": {\"a\": [1, 2]}, \"card_id\"");
        DiscountCard card = this.mapper.readValue(json, DiscountCard.class);

        assertThat(card.state().isKnown()).isFalse();
        assertThat(card.state().value()).isEqualTo("SUSPENDED");
        assertThat(card.unfinishedReason()).isEqualTo(UnfinishedReason.of("BANNED"));
        assertThat(card.payInformation().payState()).isEqualTo(PayState.of("REFUNDED"));
        assertThat(card.rewards().get(0).countType()).isEqualTo(CountType.of("COUNT_DAILY"));
        assertThat(card.objectives().get(0).objectiveCompletionRecords().get(0).completionType().value())
            .isEqualTo("RESET");
        assertThat(this.mapper.writeValueAsString(card)).contains("\"state\":\"SUSPENDED\"", "\"BANNED\"",
                "\"REFUNDED\"", "\"COUNT_DAILY\"", "\"RESET\"");
    }

    @ParameterizedTest
    @MethodSource("plainMappers")
    void unknownFieldsAtEveryLevelSurviveARoundTrip(ObjectMapper mapper) {
        ObjectNode json = (ObjectNode) mapper.readTree(CardModelExamples.FULL_CARD);
        json.putObject("future_object").put("a", 1).putArray("b").add("x").addNull();
        json.putNull("future_null");
        ((ObjectNode) json.get("time_range")).put("time_zone", "Asia/Shanghai");
        ((ObjectNode) json.get("pay_information")).put("pay_channel", "BALANCE");
        ObjectNode objective = (ObjectNode) json.get("objectives").get(0);
        objective.put("objective_level", 2);
        ((ObjectNode) objective.get("objective_completion_records").get(0)).put("store_id", "S-1");
        ObjectNode reward = (ObjectNode) json.get("rewards").get(0);
        reward.put("reward_level", 1.5);
        ((ObjectNode) reward.get("reward_usage_records").get(0)).put("phone", "13800000000");

        DiscountCard card = mapper.readValue(mapper.writeValueAsString(json), DiscountCard.class);

        assertThat(card.unknownFields()).containsOnlyKeys("future_object", "future_null");
        assertThat(card.timeRange().unknownFields()).containsExactly(Map.entry("time_zone", "Asia/Shanghai"));
        assertThat(card.payInformation().unknownFields()).containsExactly(Map.entry("pay_channel", "BALANCE"));
        assertThat(card.objectives().get(0).unknownFields()).containsOnlyKeys("objective_level");
        assertThat(card.rewards().get(0).rewardUsageRecords().get(0).unknownFields()).containsOnlyKeys("phone");
        assertThat(mapper.readTree(mapper.writeValueAsString(card))).isEqualTo(json);
        assertThat(mapper.readValue(mapper.writeValueAsString(card), DiscountCard.class)).isEqualTo(card);
        assertThat(card.toString()).as("names, not values: an unknown field may hold personal data")
            .contains("future_object=…", "phone=…").doesNotContain("13800000000", "S-1", "BALANCE");
        assertThatExceptionOfType(UnsupportedOperationException.class)
            .isThrownBy(() -> card.unknownFields().put("x", 1));
    }

    @Test
    void modelsMadeInCodeHaveNoUnknownFields() {
        CardTimeRange range = new CardTimeRange(null, null);
        assertThat(range.unknownFields()).isEmpty();
        assertThat(range).isEqualTo(new CardTimeRange(null, null, Map.of()));
        assertThat(this.mapper.writeValueAsString(range)).isEqualTo("{}");
        assertThat(ObjectiveCompletionRecord.builder().build().unknownFields()).isEmpty();
    }

    @Test
    void minimalCardAndTimesWithoutFraction() {
        DiscountCard card = this.mapper.readValue("""
                {"card_id":"1","card_template_id":"T","openid":"o","out_card_code":"c","appid":"wx1234567890",
                 "mchid":"1900000109","time_range":{"begin_time":"2015-05-20T13:29:35+08:00",
                 "end_time":"2015-06-20T13:29:35.1+08:00"},"state":"ONGOING","create_time":"2015-05-20T13:29:35Z"}
                """, DiscountCard.class);

        assertThat(card.objectives()).isEmpty();
        assertThat(card.rewards()).isEmpty();
        assertThat(card.payInformation()).isNull();
        assertThat(card.state()).isSameAs(CardState.ONGOING);
        assertThat(card.timeRange().endTime().getNano()).isEqualTo(100_000_000);
        assertThat(card.createTime().getOffset()).isEqualTo(ZoneOffset.UTC);
        assertThat(this.mapper.writeValueAsString(card)).doesNotContain("null", "objectives", "rewards");
    }

    @Test
    void amountsWrittenAsStringsAreReadToo() {
        String json = CardModelExamples.FULL_CARD.replace("\"total_amount\": 500", "\"total_amount\": \"500\"");
        assertThat(this.mapper.readValue(json, DiscountCard.class).totalAmount()).isEqualTo(500L);
    }

    @Test
    void toStringMasksOpenids() {
        DiscountCard card = this.mapper.readValue(CardModelExamples.FULL_CARD, DiscountCard.class);
        assertThat(card.toString()).doesNotContain("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", "oUpF8uMuAJO_M2pxb1Q9zNjWeS70")
            .contains("openid=******", "sharerOpenid=******", "150000000000001");
    }

    @Test
    void openValueTypesKnowTheirDocumentedValues() {
        assertThat(CardState.knownValues()).extracting(CardState::value)
            .containsExactly("ONGOING", "SETTLING", "FINISHED", "UNFINISHED");
        assertThat(UnfinishedReason.knownValues()).extracting(OpenValue::value)
            .containsExactly("DUE_TO_QUIT", "EARLY_QUIT");
        assertThat(PayState.knownValues()).extracting(OpenValue::value).containsExactly("PAYING", "PAID");
        assertThat(CountType.knownValues()).extracting(OpenValue::value)
            .containsExactly("COUNT_LIMIT", "COUNT_UNLIMITED");
        assertThat(RecordType.knownValues()).extracting(OpenValue::value).containsExactly("INCREASE", "DECREASE");
        assertThat(CardState.of("ONGOING")).isSameAs(CardState.ONGOING);
        assertThat(RecordType.of("DECREASE")).isSameAs(RecordType.DECREASE);
    }
}
