package io.github.discountcard.test;

import java.time.OffsetDateTime;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One applied objective record of an order: the request's fields plus {@code name} and {@code unit}, which the
 * simulator fills from its card definition.
 */
public record SimulatedObjective(String objectiveSerialNo, long objectiveId, String name, String unit,
        String performanceDescription, ChangeType performanceType, long count, OffsetDateTime performanceTime,
        @Nullable String remark) {

    public SimulatedObjective {
        Objects.requireNonNull(objectiveSerialNo, "objectiveSerialNo");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(performanceDescription, "performanceDescription");
        Objects.requireNonNull(performanceType, "performanceType");
        Objects.requireNonNull(performanceTime, "performanceTime");
    }
}
