package io.github.discountcard.sample;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

import io.github.discountcard.client.DiscountCardClient;
import io.github.discountcard.client.launch.CardLaunch;
import io.github.discountcard.client.model.AddUserRecordsRequest;
import io.github.discountcard.client.model.DiscountCard;
import io.github.discountcard.client.model.ObjectiveCompletionRecord;
import io.github.discountcard.client.model.PrepareCardRequest;
import io.github.discountcard.client.model.RecordType;
import io.github.discountcard.client.model.RewardUsageRecord;
import io.github.discountcard.test.DiscountCardSimulator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * In demo mode only, walks through the current card lifecycle once at startup, before the orders walkthrough:
 * prepare a claim, the simulated user claims it, report a completed objective and a used reward (against the ids
 * the query answers), query the card.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
@ConditionalOnBooleanProperty(DemoSimulatorInitializer.DEMO_MODE_PROPERTY)
class CardWalkthrough implements ApplicationRunner {

    /** The card the walkthrough prepares. */
    static final String DEMO_CARD = "DEMO-CARD-0001";

    private static final Log logger = LogFactory.getLog(CardWalkthrough.class);

    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    private final DiscountCardClient client;

    private final DiscountCardSimulator simulator;

    private final SampleCardProperties properties;

    private final Environment environment;

    CardWalkthrough(DiscountCardClient client, DiscountCardSimulator simulator, SampleCardProperties properties,
            Environment environment) {
        this.client = client;
        this.simulator = simulator;
        this.properties = properties;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (args.containsOption("skip-walkthrough") || this.simulator.card(DEMO_CARD).isPresent()) {
            return;
        }
        String templateId = Objects.requireNonNull(this.properties.cardTemplateId(), "sample.cards.card-template-id");
        PrepareCardRequest prepare = PrepareCardRequest.builder().outCardCode(DEMO_CARD).cardTemplateId(templateId)
            .appid(Objects.requireNonNull(this.properties.appid(), "sample.cards.appid"))
            .notifyUrl(Objects.requireNonNull(this.properties.notifyUrl(this.environment)))
            .build();
        String token = Objects.requireNonNull(this.client.prepareCard(prepare).block()).prepareCardToken();
        logger.info("Card walkthrough 1. prepared " + DEMO_CARD + ": open the claim page at "
                + CardLaunch.of(token).path());
        this.simulator.claimCard(DEMO_CARD);
        DiscountCard claimed = query();
        logger.info("Card walkthrough 2. the user claimed it: state=" + claimed.state());
        OffsetDateTime now = OffsetDateTime.now(BEIJING);
        AddUserRecordsRequest records = AddUserRecordsRequest.builder().cardTemplateId(templateId)
            .objectiveCompletionRecord(ObjectiveCompletionRecord.builder().objectiveCompletionSerialNo("DEMO-C-0001")
                .objectiveId(Objects.requireNonNull(claimed.objectives().get(0).objectiveId()))
                .completionTime(now).completionType(RecordType.INCREASE).description("Visited the shop")
                .completionCount(1).build())
            .rewardUsageRecord(RewardUsageRecord.builder().rewardUsageSerialNo("DEMO-U-0001")
                .rewardId(Objects.requireNonNull(claimed.rewards().get(0).rewardId()))
                .usageTime(now).usageType(RecordType.INCREASE).description("5 yuan off").usageCount(1).amount(500)
                .build())
            .build();
        this.client.addUserRecords(DEMO_CARD, records).block();
        logger.info("Card walkthrough 3. reported a completed objective and a used reward (204, verified)");
        DiscountCard card = query();
        logger.info("Card walkthrough 4. query: state=" + card.state() + " objective records="
                + card.objectives().get(0).objectiveCompletionRecords().size() + " reward records="
                + card.rewards().get(0).rewardUsageRecords().size());
    }

    private DiscountCard query() {
        return Objects.requireNonNull(this.client.getCard(DEMO_CARD).block(), "getCard completed empty");
    }
}
