package io.github.discountcard.test;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The decrypted {@code resource} JSON of the five discount card events (lifecycle spec §3.3), with plausible
 * values, and their {@code event_type} strings. The simulator encrypts these; tests may also build their own JSON.
 */
public final class NotificationPayloads {

    /** Cards family: the user claimed the card. */
    public static final String USER_ACCEPTED = "DISCOUNT_CARD.USER_ACCEPTED";

    /** Cards family: the agreement ended. */
    public static final String AGREEMENT_ENDED = "DISCOUNT_CARD.AGREEMENT_ENDED";

    /** Cards family: the charge-back of an unfinished card changed. */
    public static final String USER_PAID = "DISCOUNT_CARD.USER_PAID";

    /** Orders family: the user claimed the card, an order was created. */
    public static final String GET_CARD = "DISCOUNT_CARD.GET_CARD";

    /** Orders family: the order was settled. */
    public static final String SETTLEMENT = "DISCOUNT_CARD.SETTLEMENT";

    private static final Map<String, String> SUMMARIES = Map.of(USER_ACCEPTED, "用户领取先享卡成功", AGREEMENT_ENDED,
            "先享卡守约结束", USER_PAID, "先享卡扣款状态变更", GET_CARD, "用户领取先享卡成功", SETTLEMENT, "先享卡订单结算");

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private NotificationPayloads() {
    }

    /** The {@code summary} the simulator sends with an event type. */
    public static String summary(String eventType) {
        return SUMMARIES.getOrDefault(eventType, "先享卡通知");
    }

    /**
     * A cards-family resource for the event: USER_ACCEPTED in state {@code ONGOING} with objectives and rewards
     * (ids to report against); AGREEMENT_ENDED {@code UNFINISHED} with records, a reason and a total; USER_PAID with
     * {@code pay_information} {@code PAID}. The amounts of USER_PAID are strings, as one source types them.
     * @param eventType one of the three cards-family event types
     * @param mchId the merchant
     * @param outCardCode the merchant's card code
     * @param openid the user's openid
     */
    public static String card(String eventType, String mchId, String outCardCode, String openid, Clock clock) {
        OffsetDateTime now = Times.now(clock);
        ObjectNode json = MAPPER.createObjectNode();
        json.put("card_id", "CARD" + Math.abs(outCardCode.hashCode()));
        json.put("card_template_id", "TEMPLATE-" + mchId);
        json.put("openid", openid);
        json.put("out_card_code", outCardCode);
        json.put("appid", CardCatalog.APPID);
        json.put("mchid", mchId);
        switch (eventType.toUpperCase(Locale.ROOT)) {
            case USER_ACCEPTED -> {
                json.put("state", "ONGOING");
                timeRange(json, now);
                json.put("create_time", Times.format(now));
                objectivesAndRewards(json, false);
                json.put("sharer_openid", "oShare" + openid.substring(Math.min(openid.length(), 6)));
            }
            case AGREEMENT_ENDED -> {
                json.put("state", "UNFINISHED");
                timeRange(json, now.minus(CardCatalog.CARD_LIFETIME));
                json.put("create_time", Times.format(now.minus(CardCatalog.CARD_LIFETIME)));
                objectivesAndRewards(json, true);
                json.put("unfinished_reason", "EARLY_QUIT");
                json.put("total_amount", 600);
            }
            case USER_PAID -> {
                json.put("state", "UNFINISHED");
                json.put("unfinished_reason", "EARLY_QUIT");
                json.put("total_amount", "600");
                ObjectNode pay = json.putObject("pay_information");
                pay.put("pay_amount", "600");
                pay.put("pay_state", "PAID");
                pay.put("transaction_id", "4200000" + RandomIds.digits(21));
                pay.put("pay_time", Times.format(now));
            }
            default -> throw new IllegalArgumentException("Not a cards-family event type: " + eventType);
        }
        return MAPPER.writeValueAsString(json);
    }

    /** GET_CARD for an order of the simulator: the order's fields plus the card's objectives and rewards. */
    public static String getCard(SimulatedOrder order) {
        ObjectNode json = orderFields(order);
        ArrayNode objectives = json.putArray("card_objectives");
        ObjectNode objective = objectives.addObject();
        objective.put("objective_id", 1001);
        objective.put("name", CardCatalog.objectiveName(1001));
        objective.put("unit", CardCatalog.objectiveUnit(1001));
        objective.put("count", 5);
        objective.put("description", "到店消费 5 次");
        ArrayNode rewards = json.putArray("card_rewards");
        ObjectNode reward = rewards.addObject();
        reward.put("reward_id", 2001);
        reward.put("name", CardCatalog.rewardName(2001));
        reward.put("unit", CardCatalog.rewardUnit(2001));
        reward.put("description", "每次立减 2 元");
        reward.put("count", 10);
        reward.put("amount", 200);
        return MAPPER.writeValueAsString(json);
    }

    /** SETTLEMENT for an order of the simulator: the fields and records of the order query. */
    public static String settlement(SimulatedOrder order) {
        return new String(new SimulatorJson().order(order), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static ObjectNode orderFields(SimulatedOrder order) {
        return (ObjectNode) MAPPER.readTree(settlement(order));
    }

    private static void timeRange(ObjectNode json, OffsetDateTime begin) {
        ObjectNode range = json.putObject("time_range");
        range.put("begin_time", Times.format(begin));
        range.put("end_time", Times.format(begin.plus(CardCatalog.CARD_LIFETIME)));
    }

    private static void objectivesAndRewards(ObjectNode json, boolean withRecords) {
        ObjectNode objective = json.putArray("objectives").addObject();
        objective.put("objective_id", "OBJ1001");
        objective.put("name", "到店消费");
        objective.put("count", 5);
        objective.put("unit", "次");
        objective.put("description", "30 天内到店消费 5 次");
        if (withRecords) {
            ObjectNode record = objective.putArray("objective_completion_records").addObject();
            record.put("objective_completion_serial_no", "OC" + RandomIds.digits(10));
            record.put("completion_time", Times.format(OffsetDateTime.now(Times.CHINA)));
            record.put("completion_type", "INCREASE");
            record.put("description", "到店消费");
            record.put("completion_count", 1);
        }
        ObjectNode reward = json.putArray("rewards").addObject();
        reward.put("reward_id", "RWD2001");
        reward.put("name", "消费立减");
        reward.put("count_type", "COUNT_LIMIT");
        reward.put("count", 10);
        reward.put("unit", "次");
        reward.put("amount", 200);
        reward.put("description", "每次立减 2 元");
        if (withRecords) {
            ObjectNode record = reward.putArray("reward_usage_records").addObject();
            record.put("reward_usage_serial_no", "RU" + RandomIds.digits(10));
            record.put("usage_time", Times.format(OffsetDateTime.now(Times.CHINA)));
            record.put("usage_type", "INCREASE");
            record.put("description", "消费立减");
            record.put("usage_count", 3);
            record.put("amount", 600);
        }
    }
}
