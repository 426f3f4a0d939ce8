package io.github.discountcard.client.model;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class UpdateOrderRequestTests {

    private static final OffsetDateTime DOCUMENTED_TIME = OffsetDateTime.of(2015, 5, 20, 13, 29, 35, 120_000_000,
            ZoneOffset.ofHours(8));

    private final ObjectMapper mapper = JsonMapper.builder().build();

    static Stream<ObjectMapper> plainMappers() {
        return Stream.of(ModelExamples.plainMappers());
    }

    @ParameterizedTest
    @MethodSource("plainMappers")
    void readsTheDocumentedExampleWithAPlainMapper(ObjectMapper mapper) {
        UpdateOrderRequest request = mapper.readValue(ModelExamples.UPDATE_REQUEST, UpdateOrderRequest.class);

        assertThat(request.objectives()).containsExactly(new Objective("578354545", 123456L, "用户完成了一次打车",
                PerformanceType.INCREASE, 1L, DOCUMENTED_TIME, "微信支付打车"));
        assertThat(request.rewards()).containsExactly(new Reward("578354", 123456L, "打车立减5元", RewardType.INCREASE, 1L,
                100L, DOCUMENTED_TIME, "立减优惠"));
        assertThat(request.objectives().get(0).performanceTime().getOffset()).isEqualTo(ZoneOffset.ofHours(8));
        assertThat(request.objectives().get(0).performanceType()).isSameAs(PerformanceType.INCREASE);
        assertThat(request.problems()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("plainMappers")
    void jsonRoundTripKeepsEveryField(ObjectMapper mapper) {
        UpdateOrderRequest request = mapper.readValue(ModelExamples.UPDATE_REQUEST, UpdateOrderRequest.class);
        String written = mapper.writeValueAsString(request);

        assertThat(mapper.readTree(written)).isEqualTo(mapper.readTree(ModelExamples.UPDATE_REQUEST));
        assertThat(written).contains("\"performance_time\":\"2015-05-20T13:29:35.120+08:00\"");
        assertThat(mapper.readValue(written, UpdateOrderRequest.class)).isEqualTo(request);
    }

    @Test
    void builderBuildsTheDocumentedExample() {
        UpdateOrderRequest request = UpdateOrderRequest.builder()
            .objective(Objective.builder()
                .objectiveSerialNo("578354545")
                .objectiveId(123456)
                .performanceDescription("用户完成了一次打车")
                .performanceType(PerformanceType.INCREASE)
                .count(1)
                .performanceTime(DOCUMENTED_TIME)
                .remark("微信支付打车")
                .build())
            .reward(Reward.builder()
                .rewardSerialNo("578354")
                .rewardId(123456)
                .description("打车立减5元")
                .rewardType(RewardType.INCREASE)
                .count(1)
                .amount(100)
                .rewardTime(DOCUMENTED_TIME)
                .remark("立减优惠")
                .build())
            .build();

        assertThat(this.mapper.readTree(this.mapper.writeValueAsString(request)))
            .isEqualTo(this.mapper.readTree(ModelExamples.UPDATE_REQUEST));
        assertThat(request.problems()).isEmpty();
    }

    @Test
    void builderKeepsOrderAndAddsCollections() {
        Objective first = objective("1");
        Objective second = objective("2");
        Objective third = objective("3");
        Reward reward = reward("r1");

        UpdateOrderRequest request = UpdateOrderRequest.builder()
            .objective(first)
            .objectives(List.of(second, third))
            .rewards(List.of(reward))
            .build();

        assertThat(request.objectives()).containsExactly(first, second, third);
        assertThat(request.rewards()).containsExactly(reward);
    }

    @Test
    void optionalRemarkIsLeftOutOfTheJson() {
        Objective objective = Objective.builder()
            .objectiveSerialNo("1")
            .objectiveId(1)
            .performanceDescription("d")
            .performanceType(PerformanceType.INCREASE)
            .count(1)
            .performanceTime(DOCUMENTED_TIME)
            .build();

        JsonNode tree = this.mapper.valueToTree(UpdateOrderRequest.builder().objective(objective).build());

        assertThat(tree.has("rewards")).as("empty rewards left out").isFalse();
        assertThat(tree.get("objectives").get(0).has("remark")).isFalse();
        assertThat(tree.get("objectives").get(0).propertyNames()).containsExactlyInAnyOrder("objective_serial_no",
                "objective_id", "performance_description", "performance_type", "count", "performance_time");
    }

    @Test
    void listsAreNeverNullAndAreDefensiveCopies() {
        UpdateOrderRequest empty = new UpdateOrderRequest(null, null);
        assertThat(empty.objectives()).isEmpty();
        assertThat(empty.rewards()).isEmpty();
        assertThat(this.mapper.writeValueAsString(empty)).isEqualTo("{}");

        List<Objective> objectives = new ArrayList<>(List.of(objective("1")));
        UpdateOrderRequest request = new UpdateOrderRequest(objectives, List.of());
        objectives.add(objective("2"));
        assertThat(request.objectives()).hasSize(1);
        assertThatExceptionOfType(UnsupportedOperationException.class)
            .isThrownBy(() -> request.objectives().add(objective("3")));
        assertThatExceptionOfType(UnsupportedOperationException.class)
            .isThrownBy(() -> request.rewards().add(reward("3")));

        UpdateOrderRequest withNulls = new UpdateOrderRequest(Arrays.asList(null, objective("1")), null);
        assertThat(withNulls.objectives()).containsExactly(objective("1"));
    }

    @Test
    void nullAndMissingListsReadAsEmpty() {
        UpdateOrderRequest request = this.mapper.readValue("""
                {"objectives": null, "rewards": [null]}""", UpdateOrderRequest.class);

        assertThat(request.objectives()).isEmpty();
        assertThat(request.rewards()).isEmpty();
        assertThat(this.mapper.readValue("{}", UpdateOrderRequest.class).rewards()).isEmpty();
    }

    @Test
    void unknownTypesAreReadAndWrittenUnchanged() {
        String json = ModelExamples.UPDATE_REQUEST.replace("\"performance_type\": \"INCREASE\"",
                "\"performance_type\": \"RESET\"").replace("\"reward_type\": \"INCREASE\"", "\"reward_type\": \"X\"");

        UpdateOrderRequest request = this.mapper.readValue(json, UpdateOrderRequest.class);

        assertThat(request.objectives().get(0).performanceType().value()).isEqualTo("RESET");
        assertThat(request.objectives().get(0).performanceType().isKnown()).isFalse();
        assertThat(request.rewards().get(0).rewardType()).isEqualTo(RewardType.of("X"));
        assertThat(this.mapper.readTree(this.mapper.writeValueAsString(request))).isEqualTo(this.mapper.readTree(json));
        assertThat(request.problems()).as("a future type is not WeChat's to reject here").isEmpty();
    }

    @Test
    void problemsOfAnEmptyRequest() {
        assertThat(UpdateOrderRequest.builder().build().problems())
            .containsExactly("at least one objective or reward is required");
    }

    @Test
    void problemsNameEachMissingFieldByItsJsonPath() {
        UpdateOrderRequest request = UpdateOrderRequest.builder()
            .objective(objective("ok"))
            .objective(Objective.builder().build())
            .reward(Reward.builder().build())
            .build();

        assertThat(request.problems()).containsExactly(
                "objectives[1].objective_serial_no is required",
                "objectives[1].objective_id is required",
                "objectives[1].performance_description is required",
                "objectives[1].performance_type is required",
                "objectives[1].count is required",
                "objectives[1].performance_time is required",
                "rewards[0].reward_serial_no is required",
                "rewards[0].reward_id is required",
                "rewards[0].description is required",
                "rewards[0].reward_type is required",
                "rewards[0].count is required",
                "rewards[0].amount is required",
                "rewards[0].reward_time is required");
    }

    @Test
    void problemsOfBlankSerialNumbersAndNegativeCountsAndAmounts() {
        UpdateOrderRequest request = UpdateOrderRequest.builder()
            .objective(objective(" "))
            .objective(new Objective("2", 1L, "d", PerformanceType.DECREASE, -1L, DOCUMENTED_TIME, null))
            .reward(reward("r1"))
            .reward(new Reward("", 1L, "d", RewardType.DECREASE, -2L, -100L, DOCUMENTED_TIME, null))
            .build();

        assertThat(request.problems()).containsExactly(
                "objectives[0].objective_serial_no must not be blank",
                "objectives[1].count must not be negative",
                "rewards[1].reward_serial_no must not be blank",
                "rewards[1].count must not be negative",
                "rewards[1].amount must not be negative");
    }

    @Test
    void zeroCountsAndAmountsAndOnlyOneListAreFine() {
        Reward free = new Reward("r", 1L, "d", RewardType.INCREASE, 0L, 0L, DOCUMENTED_TIME, null);

        assertThat(UpdateOrderRequest.builder().reward(free).build().problems()).isEmpty();
        assertThat(UpdateOrderRequest.builder().objective(objective("o")).build().problems()).isEmpty();
    }

    @Test
    void problemsAreReadFromParsedJsonToo() {
        UpdateOrderRequest request = this.mapper.readValue("""
                {"rewards": [{"reward_serial_no": "578354", "reward_id": 123456, "description": "d",
                  "reward_type": "INCREASE", "count": 1, "amount": -1}]}""", UpdateOrderRequest.class);

        assertThat(request.problems()).containsExactly("rewards[0].amount must not be negative",
                "rewards[0].reward_time is required");
    }

    @Test
    void problemsAreNotWrittenToJson() {
        JsonNode tree = this.mapper.valueToTree(UpdateOrderRequest.builder().build());

        assertThat(tree.isEmpty()).isTrue();
    }

    private static Objective objective(String serialNo) {
        return new Objective(serialNo, 123456L, "用户完成了一次打车", PerformanceType.INCREASE, 1L, DOCUMENTED_TIME, null);
    }

    private static Reward reward(String serialNo) {
        return new Reward(serialNo, 123456L, "打车立减5元", RewardType.INCREASE, 1L, 100L, DOCUMENTED_TIME, null);
    }
}
