package io.github.discountcard.test;

import java.time.OffsetDateTime;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One applied reward record of an order: the request's fields plus {@code name} and {@code unit}, which the
 * simulator fills from its card definition. {@code amount} is in fen.
 */
public record SimulatedReward(String rewardSerialNo, long rewardId, String name, String unit, String description,
        ChangeType rewardType, long count, long amount, OffsetDateTime rewardTime, @Nullable String remark) {

    public SimulatedReward {
        Objects.requireNonNull(rewardSerialNo, "rewardSerialNo");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(rewardType, "rewardType");
        Objects.requireNonNull(rewardTime, "rewardTime");
    }

    /** The amount with its sign: positive for {@code INCREASE}, negative for {@code DECREASE}. */
    public long signedAmount() {
        return (this.rewardType == ChangeType.DECREASE) ? -this.amount : this.amount;
    }
}
