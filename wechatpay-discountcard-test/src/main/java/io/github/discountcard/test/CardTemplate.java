package io.github.discountcard.test;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A card template (先享卡模板) as WeChat configures it for a merchant offline: the objectives a user works towards and
 * the rewards they may use, each with the string id the merchant reports records against. Register it with
 * {@link DiscountCardSimulator#registerCardTemplate(CardTemplate)} before preparing cards of it.
 *
 * @param cardTemplateId the template id (1 to 64 characters)
 * @param objectives the objectives, at least one
 * @param rewards the rewards, at least one
 */
public record CardTemplate(String cardTemplateId, List<Objective> objectives, List<Reward> rewards) {

    public CardTemplate {
        Objects.requireNonNull(cardTemplateId, "cardTemplateId");
        if (cardTemplateId.isBlank() || cardTemplateId.length() > 64) {
            throw new IllegalArgumentException("cardTemplateId must have 1 to 64 characters but was '"
                    + cardTemplateId + "'");
        }
        objectives = List.copyOf(objectives);
        rewards = List.copyOf(rewards);
        if (objectives.isEmpty() || rewards.isEmpty()) {
            throw new IllegalArgumentException("A card template needs at least one objective and one reward");
        }
    }

    /**
     * A plausible template: objective {@code OBJ-1} "到店消费" 3 次, reward {@code RWD-1} "消费立减" used at most 3 times,
     * 500 fen each.
     * @param cardTemplateId the template id
     * @return the template
     */
    public static CardTemplate sample(String cardTemplateId) {
        return new CardTemplate(cardTemplateId,
                List.of(new Objective("OBJ-1", "到店消费", 3, "次", "30 天内到店消费满 3 次")),
                List.of(new Reward("RWD-1", "消费立减", "COUNT_LIMIT", 3, "次", 500, "每次消费立减 5 元")));
    }

    /** The objective with this id, or {@code null}. */
    @Nullable Objective objective(String objectiveId) {
        return this.objectives.stream().filter((o) -> o.objectiveId().equals(objectiveId)).findFirst().orElse(null);
    }

    /** The reward with this id, or {@code null}. */
    @Nullable Reward reward(String rewardId) {
        return this.rewards.stream().filter((r) -> r.rewardId().equals(rewardId)).findFirst().orElse(null);
    }

    /**
     * One objective of a template.
     * @param objectiveId the id records are reported against (≤ 32)
     * @param name the name
     * @param count how many completions the objective needs
     * @param unit the unit of {@code count}
     * @param description optional description
     */
    public record Objective(String objectiveId, String name, long count, String unit, @Nullable String description) {

        public Objective {
            Objects.requireNonNull(objectiveId, "objectiveId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(unit, "unit");
        }
    }

    /**
     * One reward of a template.
     * @param rewardId the id usages are reported against (≤ 32)
     * @param name the name
     * @param countType {@code COUNT_LIMIT} or {@code COUNT_UNLIMITED} (any text, to simulate a future value)
     * @param count how many times it may be used (with {@code COUNT_LIMIT})
     * @param unit the unit of {@code count}
     * @param amount its value in fen
     * @param description optional description
     */
    public record Reward(String rewardId, String name, String countType, long count, String unit, long amount,
            @Nullable String description) {

        public Reward {
            Objects.requireNonNull(rewardId, "rewardId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(countType, "countType");
            Objects.requireNonNull(unit, "unit");
        }
    }
}
