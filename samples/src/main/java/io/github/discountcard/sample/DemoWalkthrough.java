package io.github.discountcard.sample;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

import io.github.discountcard.client.DiscountCardClient;
import io.github.discountcard.client.model.DiscountCardOrder;
import io.github.discountcard.client.model.Objective;
import io.github.discountcard.client.model.PerformanceType;
import io.github.discountcard.client.model.Reward;
import io.github.discountcard.client.model.RewardType;
import io.github.discountcard.client.model.UpdateOrderRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * In demo mode only, walks through the API once at startup: query the demo order, record an objective, use a
 * reward, query again. It never runs against the real API.
 */
@Component
@ConditionalOnBooleanProperty(DemoSimulatorInitializer.DEMO_MODE_PROPERTY)
class DemoWalkthrough implements ApplicationRunner {

    private static final Log logger = LogFactory.getLog(DemoWalkthrough.class);

    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    private final DiscountCardClient client;

    private final Environment environment;

    DemoWalkthrough(DiscountCardClient client, Environment environment) {
        this.client = client;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (args.containsOption("skip-walkthrough")) {
            return;
        }
        String order = DemoSimulatorInitializer.DEMO_ORDER;
        log("1. query", query(order));
        var objective = UpdateOrderRequest.builder()
            .objective(Objective.builder()
                .objectiveSerialNo("DEMO-OBJ-0001")
                .objectiveId(123456L)
                .performanceDescription("Bought one item")
                .performanceType(PerformanceType.INCREASE)
                .count(1L)
                .performanceTime(OffsetDateTime.now(BEIJING))
                .build())
            .build();
        logger.info("Walkthrough 2. record an objective: " + this.client.updateOrder(order, objective).block());
        var reward = UpdateOrderRequest.builder()
            .reward(Reward.builder()
                .rewardSerialNo("DEMO-RWD-0001")
                .rewardId(123456L)
                .description("Used a 1 yuan discount")
                .rewardType(RewardType.INCREASE)
                .count(1L)
                .amount(100L)
                .rewardTime(OffsetDateTime.now(BEIJING))
                .build())
            .build();
        logger.info("Walkthrough 3. use a reward: " + this.client.updateOrder(order, reward).block());
        log("4. query again", query(order));
        logger.info("Walkthrough done. Try: curl -s http://localhost:"
                + this.environment.getProperty("local.server.port", "8080") + "/orders/" + order);
    }

    private DiscountCardOrder query(String order) {
        // getOrder never completes empty: an answer that decodes to nothing is an error
        return Objects.requireNonNull(this.client.getOrder(order).block(), "getOrder completed empty");
    }

    private static void log(String step, DiscountCardOrder order) {
        logger.info("Walkthrough " + step + ": " + order.outOrderNo() + " state=" + order.state().value()
                + " estimated_reward_amount=" + order.estimatedRewardAmount() + " objectives="
                + order.objectives().size() + " rewards=" + order.rewards().size());
    }
}
