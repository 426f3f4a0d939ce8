package io.github.discountcard.client.model;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class EnumLikeTests {

    private final ObjectMapper mapper = JsonMapper.builder().build();

    @Test
    void knownValuesResolveToTheConstants() {
        assertThat(OrderState.knownValues()).extracting(OrderState::value)
            .containsExactly("CREATED", "SETTLING", "CHARGING", "CHARGED", "NO_CHARGE", "REVOKED");
        for (OrderState state : OrderState.knownValues()) {
            assertThat(OrderState.of(state.value())).isSameAs(state);
            assertThat(state.isKnown()).isTrue();
        }
        assertThat(PerformanceType.of("INCREASE")).isSameAs(PerformanceType.INCREASE);
        assertThat(PerformanceType.of("DECREASE")).isSameAs(PerformanceType.DECREASE);
        assertThat(PerformanceType.knownValues()).containsExactly(PerformanceType.INCREASE, PerformanceType.DECREASE);
        assertThat(RewardType.of("INCREASE")).isSameAs(RewardType.INCREASE);
        assertThat(RewardType.of("DECREASE")).isSameAs(RewardType.DECREASE);
        assertThat(RewardType.knownValues()).containsExactly(RewardType.INCREASE, RewardType.DECREASE);
    }

    @Test
    void unknownValuesKeepTheirRawTextAndCompareByValue() {
        OrderState future = OrderState.of("FUTURE_STATE");
        PerformanceType performanceType = PerformanceType.of("increase");
        RewardType rewardType = RewardType.of("");

        assertThat(future.isKnown()).isFalse();
        assertThat(future.value()).isEqualTo("FUTURE_STATE");
        assertThat(future).hasToString("FUTURE_STATE");
        assertThat(future).isEqualTo(OrderState.of("FUTURE_STATE")).hasSameHashCodeAs(OrderState.of("FUTURE_STATE"));
        assertThat(future).isNotEqualTo(OrderState.CREATED);
        assertThat(performanceType.isKnown()).as("matching is case-sensitive").isFalse();
        assertThat(performanceType).isNotEqualTo(PerformanceType.INCREASE);
        assertThat(rewardType.isKnown()).isFalse();
        assertThat(rewardType.value()).isEmpty();
    }

    @Test
    void valuesAreWrittenAsTheirRawString() {
        assertThat(this.mapper.writeValueAsString(List.of(OrderState.NO_CHARGE, OrderState.of("FUTURE_STATE"))))
            .isEqualTo("[\"NO_CHARGE\",\"FUTURE_STATE\"]");
        assertThat(this.mapper.writeValueAsString(PerformanceType.of("RESET"))).isEqualTo("\"RESET\"");
        assertThat(this.mapper.writeValueAsString(RewardType.DECREASE)).isEqualTo("\"DECREASE\"");
    }

    @Test
    void valuesAreReadFromTheirRawString() {
        assertThat(this.mapper.readValue("\"REVOKED\"", OrderState.class)).isSameAs(OrderState.REVOKED);
        assertThat(this.mapper.readValue("\"FUTURE_STATE\"", OrderState.class).value()).isEqualTo("FUTURE_STATE");
        assertThat(this.mapper.readValue("\"DECREASE\"", PerformanceType.class)).isSameAs(PerformanceType.DECREASE);
        assertThat(this.mapper.readValue("\"NEW\"", RewardType.class)).isEqualTo(RewardType.of("NEW"));
    }

    @Test
    void nullStateReadsAsNull() {
        DiscountCardOrder order = this.mapper.readValue(ModelExamples.MINIMAL_ORDER.replace("\"CREATED\"", "null"),
                DiscountCardOrder.class);

        assertThat(order.state()).isNull();
    }
}
