package io.github.discountcard.test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The three cards-family calls as WeChat answers them (lifecycle spec §2): bodies checked field by field (the first
 * problem is a 400 {@code PARAM_ERROR} naming it), unknown cards 404 {@code RESOURCE_NOT_EXISTS}, each record applied
 * once by its serial number. A card of another merchant is as unknown as no card.
 */
final class CardEndpoints {

    private static final Pattern OUT_CARD_CODE = Pattern.compile("[0-9A-Za-z_|*-]{1,32}");

    private static final String TIME_EXAMPLE = "2015-05-20T13:29:35.120+08:00";

    private final CardStore cards;

    private final JsonMapper mapper;

    CardEndpoints(CardStore cards, JsonMapper mapper) {
        this.cards = cards;
        this.mapper = mapper;
    }

    /** {@code POST /v3/discount-card/cards}: {@code {"prepare_card_token"}}. */
    byte[] prepare(String mchid, byte[] body) {
        JsonNode root = RequestBodies.jsonObject(this.mapper, body);
        String outCardCode = text(root, "out_card_code", "", 32);
        if (!OUT_CARD_CODE.matcher(outCardCode).matches()) {
            throw ApiException.paramError("out_card_code", "must be 1 to 32 characters of digits, letters and _-|*",
                    "body");
        }
        String cardTemplateId = text(root, "card_template_id", "", 64);
        String appid = text(root, "appid", "", 32);
        if (appid.length() < 10) {
            throw ApiException.paramError("appid", "must have 10 to 32 characters", "body");
        }
        String notifyUrl = text(root, "notify_url", "", 255);
        if (!notifyUrl.startsWith("https://") && !notifyUrl.startsWith("http://")) {
            throw ApiException.paramError("notify_url", "must be an absolute https:// URL", "body");
        }
        if (this.cards.template(cardTemplateId).isEmpty()) {
            throw ApiException.paramError("card_template_id", "is not a card template of this merchant", "body");
        }
        PreparedCard prepared = this.cards.prepare(outCardCode, cardTemplateId, appid, mchid, notifyUrl);
        ObjectNode json = this.mapper.createObjectNode();
        json.put("prepare_card_token", prepared.prepareCardToken());
        return this.mapper.writeValueAsBytes(json);
    }

    /** {@code POST /v3/discount-card/cards/{out_card_code}/add-user-records}: applied, to be answered with 204. */
    void addUserRecords(String mchid, String outCardCode, byte[] body) {
        JsonNode root = RequestBodies.jsonObject(this.mapper, body);
        String cardTemplateId = text(root, "card_template_id", "", 64);
        List<JsonNode> completions = RequestBodies.array(root, "objective_completion_records");
        List<JsonNode> usages = RequestBodies.array(root, "reward_usage_records");
        if (completions.size() > 1) {
            throw ApiException.paramError("objective_completion_records",
                    "has " + completions.size() + " records: at most one objective completion record per call", "body");
        }
        SimulatedCard card = find(mchid, outCardCode);
        if (!card.cardTemplateId().equals(cardTemplateId)) {
            throw ApiException.paramError("card_template_id", "is not the template of card " + outCardCode, "body");
        }
        List<SimulatedCard.CompletionRecord> completionRecords = new ArrayList<>();
        for (int i = 0; i < completions.size(); i++) {
            completionRecords.add(completion(card, completions.get(i), "objective_completion_records[" + i + "]"));
        }
        List<SimulatedCard.UsageRecord> usageRecords = new ArrayList<>();
        for (int i = 0; i < usages.size(); i++) {
            usageRecords.add(usage(card, usages.get(i), "reward_usage_records[" + i + "]"));
        }
        if (!card.state().equals("ONGOING") && !card.state().equals("SETTLING")) {
            throw new ApiException(400, "INVALID_REQUEST", "The card " + outCardCode + " is " + card.state()
                    + ": records can be added only until it is settled");
        }
        this.cards.apply(outCardCode, (current) -> applied(current, completionRecords, usageRecords))
            .orElseThrow(() -> notExists(outCardCode));
    }

    /** {@code GET /v3/discount-card/cards/{out_card_code}}. */
    byte[] query(String mchid, String outCardCode) {
        return this.mapper.writeValueAsBytes(cardJson(find(mchid, outCardCode)));
    }

    /** The card as the query answers it (and as the notifications' payload builds on), in WeChat's field order. */
    ObjectNode cardJson(SimulatedCard card) {
        ObjectNode json = this.mapper.createObjectNode();
        json.put("card_id", card.cardId());
        json.put("card_template_id", card.cardTemplateId());
        json.put("openid", card.openid());
        json.put("out_card_code", card.outCardCode());
        json.put("appid", card.appid());
        json.put("mchid", card.mchid());
        ObjectNode range = json.putObject("time_range");
        range.put("begin_time", Times.format(card.beginTime()));
        range.put("end_time", Times.format(card.endTime()));
        json.put("state", card.state());
        if (card.unfinishedReason() != null) {
            json.put("unfinished_reason", card.unfinishedReason());
        }
        if (card.totalAmount() != null) {
            json.put("total_amount", card.totalAmount().longValue());
        }
        SimulatedCard.Payment payment = card.payInformation();
        if (payment != null) {
            ObjectNode pay = json.putObject("pay_information");
            pay.put("pay_amount", payment.payAmount());
            pay.put("pay_state", payment.payState());
            if (payment.transactionId() != null) {
                pay.put("transaction_id", payment.transactionId());
            }
            if (payment.payTime() != null) {
                pay.put("pay_time", Times.format(payment.payTime()));
            }
        }
        json.put("create_time", Times.format(card.createTime()));
        ArrayNode objectives = json.putArray("objectives");
        for (SimulatedCard.Objective objective : card.objectives()) {
            ObjectNode item = objectives.addObject();
            item.put("objective_id", objective.objectiveId());
            item.put("name", objective.name());
            item.put("count", objective.count());
            item.put("unit", objective.unit());
            putIfPresent(item, "description", objective.description());
            if (!objective.records().isEmpty()) {
                ArrayNode records = item.putArray("objective_completion_records");
                for (SimulatedCard.CompletionRecord record : objective.records()) {
                    ObjectNode r = records.addObject();
                    r.put("objective_completion_serial_no", record.serialNo());
                    r.put("objective_id", record.objectiveId());
                    r.put("completion_time", Times.format(record.completionTime()));
                    r.put("completion_type", record.completionType());
                    r.put("description", record.description());
                    r.put("completion_count", record.completionCount());
                    putIfPresent(r, "remark", record.remark());
                }
            }
        }
        ArrayNode rewards = json.putArray("rewards");
        for (SimulatedCard.Reward reward : card.rewards()) {
            ObjectNode item = rewards.addObject();
            item.put("reward_id", reward.rewardId());
            item.put("name", reward.name());
            item.put("count_type", reward.countType());
            item.put("count", reward.count());
            item.put("unit", reward.unit());
            item.put("amount", reward.amount());
            putIfPresent(item, "description", reward.description());
            if (!reward.records().isEmpty()) {
                ArrayNode records = item.putArray("reward_usage_records");
                for (SimulatedCard.UsageRecord record : reward.records()) {
                    ObjectNode r = records.addObject();
                    r.put("reward_usage_serial_no", record.serialNo());
                    r.put("reward_id", record.rewardId());
                    r.put("usage_time", Times.format(record.usageTime()));
                    r.put("usage_type", record.usageType());
                    r.put("description", record.description());
                    r.put("usage_count", record.usageCount());
                    r.put("amount", record.amount());
                    putIfPresent(r, "remark", record.remark());
                }
            }
        }
        putIfPresent(json, "sharer_openid", card.sharerOpenid());
        return json;
    }

    /** The card with the new records added; a serial number already applied is skipped (success, no effect). */
    private static SimulatedCard applied(SimulatedCard card, List<SimulatedCard.CompletionRecord> completions,
            List<SimulatedCard.UsageRecord> usages) {
        List<SimulatedCard.Objective> objectives = new ArrayList<>(card.objectives());
        for (SimulatedCard.CompletionRecord record : completions) {
            if (!card.hasCompletion(record.serialNo())) {
                objectives.replaceAll((o) -> o.objectiveId().equals(record.objectiveId()) ? o.with(record) : o);
            }
        }
        List<SimulatedCard.Reward> rewards = new ArrayList<>(card.rewards());
        for (SimulatedCard.UsageRecord record : usages) {
            if (!card.hasUsage(record.serialNo())) {
                rewards.replaceAll((r) -> r.rewardId().equals(record.rewardId()) ? r.with(record) : r);
            }
        }
        return card.withRecords(objectives, rewards);
    }

    private SimulatedCard find(String mchid, String outCardCode) {
        return this.cards.find(outCardCode)
            .filter((card) -> card.mchid().equals(mchid))
            .orElseThrow(() -> notExists(outCardCode));
    }

    static ApiException notExists(String outCardCode) {
        return ApiException.resourceNotExists("No discount card with out_card_code "
                + AuthorizationHeader.printable(outCardCode));
    }

    private static SimulatedCard.CompletionRecord completion(SimulatedCard card, JsonNode node, String path) {
        requireObject(node, path);
        String serialNo = text(node, "objective_completion_serial_no", path + ".", 32);
        String objectiveId = text(node, "objective_id", path + ".", 32);
        if (card.objectives().stream().noneMatch((o) -> o.objectiveId().equals(objectiveId))) {
            throw ApiException.paramError(path + ".objective_id", "is not an objective of this card", "body");
        }
        OffsetDateTime time = time(node, "completion_time", path);
        String type = changeType(node, "completion_type", path);
        String description = text(node, "description", path + ".", 20);
        long count = positive(node, "completion_count", path);
        String remark = optionalText(node, "remark", path, 50);
        return new SimulatedCard.CompletionRecord(serialNo, objectiveId, time, type, description, count, remark);
    }

    private static SimulatedCard.UsageRecord usage(SimulatedCard card, JsonNode node, String path) {
        requireObject(node, path);
        String serialNo = text(node, "reward_usage_serial_no", path + ".", 32);
        String rewardId = text(node, "reward_id", path + ".", 32);
        if (card.rewards().stream().noneMatch((r) -> r.rewardId().equals(rewardId))) {
            throw ApiException.paramError(path + ".reward_id", "is not a reward of this card", "body");
        }
        OffsetDateTime time = time(node, "usage_time", path);
        String type = changeType(node, "usage_type", path);
        String description = text(node, "description", path + ".", 20);
        long count = positive(node, "usage_count", path);
        long amount = positive(node, "amount", path);
        String remark = optionalText(node, "remark", path, 50);
        return new SimulatedCard.UsageRecord(serialNo, rewardId, time, type, description, count, amount, remark);
    }

    private static void requireObject(JsonNode node, String path) {
        if (!node.isObject()) {
            throw ApiException.paramError(path, "must be an object", "body");
        }
    }

    /** A required, non-blank string of at most {@code max} characters. */
    private static String text(JsonNode node, String field, String prefix, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw ApiException.paramError(prefix + field, "is required", "body");
        }
        if (!value.isString() || value.stringValue().isBlank()) {
            throw ApiException.paramError(prefix + field, "must be a non-empty string", "body");
        }
        String text = value.stringValue();
        if (text.codePointCount(0, text.length()) > max) {
            throw ApiException.paramError(prefix + field, "must be at most " + max + " characters", "body");
        }
        return text;
    }

    private static @Nullable String optionalText(JsonNode node, String field, String path, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return text(node, field, path + ".", max);
    }

    private static long positive(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw ApiException.paramError(path + "." + field, "is required", "body");
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ApiException.paramError(path + "." + field, "must be an integer", "body");
        }
        if (value.longValue() < 1) {
            throw ApiException.paramError(path + "." + field, "must be at least 1 but was " + value.longValue(),
                    "body");
        }
        return value.longValue();
    }

    private static String changeType(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value != null && value.isString()
                && (value.stringValue().equals("INCREASE") || value.stringValue().equals("DECREASE"))) {
            return value.stringValue();
        }
        throw ApiException.paramError(path + "." + field, "must be one of INCREASE, DECREASE", "body");
    }

    private static OffsetDateTime time(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        OffsetDateTime time = (value != null && value.isString()) ? Times.parseOrNull(value.stringValue()) : null;
        if (time == null) {
            throw ApiException.paramError(path + "." + field, "must be an RFC 3339 time such as " + TIME_EXAMPLE,
                    "body");
        }
        return time;
    }

    private static void putIfPresent(ObjectNode json, String name, @Nullable String value) {
        if (value != null) {
            json.put(name, value);
        }
    }
}
