package io.github.discountcard.client.model;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class DiscountCardOrderTests {

    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    private final ObjectMapper mapper = JsonMapper.builder().build();

    static Stream<ObjectMapper> plainMappers() {
        return Stream.of(ModelExamples.plainMappers());
    }

    @ParameterizedTest
    @MethodSource("plainMappers")
    void readsEveryFieldOfAFullOrder(ObjectMapper mapper) {
        DiscountCardOrder order = mapper.readValue(ModelExamples.FULL_ORDER, DiscountCardOrder.class);

        assertThat(order.outOrderNo()).isEqualTo("233bcbf407e87789b8e471f251774f95");
        assertThat(order.discountCardId()).isEqualTo("df5fbc7d4ca2a4e41b2e2e8e0da5bd1b");
        assertThat(order.outTradeNo()).isEqualTo("1234323JKHDFE1243252");
        assertThat(order.appid()).isEqualTo("wxd678efh567hg6787");
        assertThat(order.serviceId()).isEqualTo("500001");
        assertThat(order.orderId()).isEqualTo("50000000000000000000000000000000");
        assertThat(order.openid()).isEqualTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
        assertThat(order.cardBeginTime()).isEqualTo(OffsetDateTime.of(2015, 5, 20, 13, 29, 35, 120_000_000, BEIJING));
        assertThat(order.cardEndTime()).isEqualTo(OffsetDateTime.of(2015, 6, 20, 13, 29, 35, 0, BEIJING));
        assertThat(order.cardName()).isEqualTo("微信先享卡");
        assertThat(order.objectiveDescription()).isEqualTo("消费10次");
        assertThat(order.rewardDescription()).isEqualTo("每次打车立减5元");
        assertThat(order.estimatedRewardAmount()).isEqualTo(1000L);
        assertThat(order.state()).isSameAs(OrderState.CHARGED);
        assertThat(order.createTime()).isEqualTo(OffsetDateTime.of(2015, 5, 20, 13, 29, 35, 120_000_000, BEIJING));
        assertThat(order.transactionId()).isEqualTo("4200000000000000000000000000");
        assertThat(order.onlineInstructions()).isEqualTo("线上使用说明");
        assertThat(order.offlineInstructions()).isEqualTo("线下使用说明");
        assertThat(order.totalAmount()).isEqualTo(1000L);
        assertThat(order.deductionAmount()).isEqualTo(500L);
        assertThat(order.settlementAmount()).isEqualTo(500L);
        assertThat(order.payTime()).isEqualTo(OffsetDateTime.of(2015, 6, 21, 9, 0, 0, 1_000_000, BEIJING));
        assertThat(order.objectives()).containsExactly(
                new ObjectiveRecord("578354545", 123456L, "打车", "次", "用户完成了一次打车", PerformanceType.INCREASE, 1L,
                        OffsetDateTime.of(2015, 5, 20, 13, 29, 35, 120_000_000, BEIJING), "微信支付打车"),
                new ObjectiveRecord("578354546", 123456L, "打车", "次", "打车订单退款", PerformanceType.DECREASE, 1L,
                        OffsetDateTime.of(2015, 5, 21, 8, 0, 0, 0, ZoneOffset.UTC), null));
        assertThat(order.rewards()).containsExactly(new RewardRecord("578354", 123456L, "打车立减", "元", "打车立减5元",
                RewardType.INCREASE, 1L, 100L, OffsetDateTime.of(2015, 5, 20, 13, 29, 35, 120_000_000, BEIJING),
                "立减优惠"));
    }

    @ParameterizedTest
    @MethodSource("plainMappers")
    void jsonRoundTripKeepsEveryFieldOfAFullOrder(ObjectMapper mapper) {
        DiscountCardOrder order = mapper.readValue(ModelExamples.FULL_ORDER, DiscountCardOrder.class);
        String written = mapper.writeValueAsString(order);

        assertThat(mapper.readTree(written)).isEqualTo(mapper.readTree(ModelExamples.FULL_ORDER));
        assertThat(mapper.readValue(written, DiscountCardOrder.class)).isEqualTo(order);
        assertThat(mapper.convertValue(order, DiscountCardOrder.class)).isEqualTo(order);
    }

    @ParameterizedTest
    @MethodSource("plainMappers")
    void minimalOrderHasNoOptionalFieldsAndRoundTripsWithoutNulls(ObjectMapper mapper) {
        DiscountCardOrder order = mapper.readValue(ModelExamples.MINIMAL_ORDER, DiscountCardOrder.class);

        assertThat(order.state()).isSameAs(OrderState.CREATED);
        assertThat(order.estimatedRewardAmount()).isZero();
        assertThat(order.transactionId()).isNull();
        assertThat(order.onlineInstructions()).isNull();
        assertThat(order.offlineInstructions()).isNull();
        assertThat(order.totalAmount()).isNull();
        assertThat(order.deductionAmount()).isNull();
        assertThat(order.settlementAmount()).isNull();
        assertThat(order.payTime()).isNull();
        assertThat(order.objectives()).isEmpty();
        assertThat(order.rewards()).isEmpty();
        String written = mapper.writeValueAsString(order);
        assertThat(written).doesNotContain("null");
        assertThat(mapper.readTree(written)).isEqualTo(mapper.readTree(ModelExamples.MINIMAL_ORDER));
    }

    @ParameterizedTest
    @MethodSource("plainMappers")
    void unknownStateIsKeptAndRoundTrips(ObjectMapper mapper) {
        String json = ModelExamples.FULL_ORDER.replace("\"state\": \"CHARGED\"", "\"state\": \"FUTURE_STATE\"");

        DiscountCardOrder order = mapper.readValue(json, DiscountCardOrder.class);

        assertThat(order.state().value()).isEqualTo("FUTURE_STATE");
        assertThat(order.state().isKnown()).isFalse();
        assertThat(order.state()).isEqualTo(OrderState.of("FUTURE_STATE"));
        assertThat(order.state()).isNotIn(OrderState.knownValues());
        String written = mapper.writeValueAsString(order);
        assertThat(written).contains("\"state\":\"FUTURE_STATE\"");
        assertThat(mapper.readTree(written)).isEqualTo(mapper.readTree(json));
    }

    @ParameterizedTest
    @MethodSource("plainMappers")
    void everyDocumentedStateReadsAsItsConstant(ObjectMapper mapper) {
        for (OrderState state : OrderState.knownValues()) {
            String json = ModelExamples.MINIMAL_ORDER.replace("\"CREATED\"", "\"" + state.value() + "\"");
            assertThat(mapper.readValue(json, DiscountCardOrder.class).state()).isSameAs(state);
        }
    }

    @Test
    void unknownFieldsAreKeptEvenWhenTheMapperFailsOnUnknownProperties() {
        ObjectMapper strict = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        String json = ModelExamples.FULL_ORDER
            .replace("\"out_order_no\": \"233bcbf407e87789b8e471f251774f95\",",
                    "\"out_order_no\": \"233bcbf407e87789b8e471f251774f95\", \"new_field\": {\"a\": [1, 2]},")
            .replace("\"name\": \"打车立减\",", "\"name\": \"打车立减\", \"new_reward_field\": 1,")
            .replace("\"unit\": \"次\",", "\"unit\": \"次\", \"new_objective_field\": \"x\",");

        for (ObjectMapper mapper : new ObjectMapper[] { this.mapper, strict }) {
            DiscountCardOrder order = mapper.readValue(json, DiscountCardOrder.class);
            DiscountCardOrder documented = mapper.readValue(ModelExamples.FULL_ORDER, DiscountCardOrder.class);
            assertThat(order.unknownFields()).containsOnlyKeys("new_field");
            assertThat(order.rewards().get(0).unknownFields()).containsExactly(Map.entry("new_reward_field", 1));
            assertThat(order.objectives().get(0).unknownFields())
                .containsExactly(Map.entry("new_objective_field", "x"));
            assertThat(order).usingRecursiveComparison().ignoringFieldsMatchingRegexes(".*unknownFields")
                .isEqualTo(documented);
            assertThat(documented.unknownFields()).isEmpty();
            assertThat(mapper.readTree(mapper.writeValueAsString(order))).isEqualTo(mapper.readTree(json));
            assertThat(order.toString()).contains("unknownFields={new_field=…}").doesNotContain("[1, 2]");
        }
    }

    @Test
    void timesKeepTheirOffsetWhateverTheMapperTimeZoneSettings() {
        ObjectMapper utc = JsonMapper.builder()
            .defaultTimeZone(TimeZone.getTimeZone("UTC"))
            .enable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE, DateTimeFeature.WRITE_DATES_WITH_CONTEXT_TIME_ZONE)
            .build();

        DiscountCardOrder order = utc.readValue(ModelExamples.FULL_ORDER, DiscountCardOrder.class);

        assertThat(order.createTime().getOffset()).isEqualTo(BEIJING);
        assertThat(order.createTime().getHour()).isEqualTo(13);
        assertThat(utc.readTree(utc.writeValueAsString(order))).isEqualTo(utc.readTree(ModelExamples.FULL_ORDER));
    }

    @Test
    void listsAreNeverNullAndUnmodifiable() {
        DiscountCardOrder order = this.mapper.readValue(ModelExamples.MINIMAL_ORDER.replace("\"state\"",
                "\"objectives\": null, \"rewards\": [null], \"state\""), DiscountCardOrder.class);

        assertThat(order.objectives()).isEmpty();
        assertThat(order.rewards()).isEmpty();
        DiscountCardOrder full = this.mapper.readValue(ModelExamples.FULL_ORDER, DiscountCardOrder.class);
        assertThat(full.objectives()).isUnmodifiable();
        assertThat(full.rewards()).isUnmodifiable();
    }

    @Test
    void toStringIsReadable() {
        DiscountCardOrder order = this.mapper.readValue(ModelExamples.FULL_ORDER, DiscountCardOrder.class);

        assertThat(order.toString()).contains("outOrderNo=233bcbf407e87789b8e471f251774f95", "state=CHARGED",
                "cardBeginTime=2015-05-20T13:29:35.120+08:00", "performanceType=INCREASE");
    }

    @Test
    void toStringMasksTheOpenid() {
        DiscountCardOrder order = this.mapper.readValue(ModelExamples.FULL_ORDER, DiscountCardOrder.class);

        assertThat(order.toString()).contains("openid=******").doesNotContain(order.openid())
            .startsWith("DiscountCardOrder[outOrderNo=");
        assertThat(order).isEqualTo(this.mapper.readValue(ModelExamples.FULL_ORDER, DiscountCardOrder.class));
    }

    @ParameterizedTest
    @MethodSource("plainMappers")
    void readsTheUpdateResponseKeepingUnknownFields(ObjectMapper mapper) {
        UpdateOrderResponse response = mapper.readValue(ModelExamples.UPDATE_RESPONSE, UpdateOrderResponse.class);

        assertThat(response).isEqualTo(
                new UpdateOrderResponse("233bcbf407e87789b8e471f251774f95", "50000000000000000000000000000000"));
        assertThat(mapper.readTree(mapper.writeValueAsString(response)))
            .isEqualTo(mapper.readTree(ModelExamples.UPDATE_RESPONSE));
        ObjectMapper strict = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        assertThat(strict.readValue("""
                {"out_order_no": "a", "order_id": "b", "something_new": true}""", UpdateOrderResponse.class))
            .isEqualTo(new UpdateOrderResponse("a", "b", Map.of("something_new", true)));
    }
}
