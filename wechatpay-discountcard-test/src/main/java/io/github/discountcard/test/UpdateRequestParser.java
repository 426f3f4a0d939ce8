package io.github.discountcard.test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and validates the body of {@code PATCH /v3/discount-card/orders/{out_order_no}} (spec §1). The first problem
 * found is a 400 {@code PARAM_ERROR} whose {@code detail.field} names the field, e.g. {@code objectives[0].count}.
 * Unknown fields are ignored and no list size limit is enforced (neither is confirmed by WeChat).
 */
final class UpdateRequestParser {

    private static final String TIME_EXAMPLE = "2015-05-20T13:29:35.120+08:00";

    private final JsonMapper mapper;

    UpdateRequestParser(JsonMapper mapper) {
        this.mapper = mapper;
    }

    OrderUpdate parse(byte[] body) {
        JsonNode root = RequestBodies.jsonObject(this.mapper, body);
        List<SimulatedObjective> objectives = new ArrayList<>();
        List<SimulatedReward> rewards = new ArrayList<>();
        List<JsonNode> objectiveNodes = RequestBodies.array(root, "objectives");
        for (int i = 0; i < objectiveNodes.size(); i++) {
            objectives.add(objective(element(objectiveNodes, i, "objectives"), "objectives[" + i + "]"));
        }
        List<JsonNode> rewardNodes = RequestBodies.array(root, "rewards");
        for (int i = 0; i < rewardNodes.size(); i++) {
            rewards.add(reward(element(rewardNodes, i, "rewards"), "rewards[" + i + "]"));
        }
        if (objectives.isEmpty() && rewards.isEmpty()) {
            throw ApiException.paramError("objectives", "and rewards are both empty: at least one record is required",
                    "body");
        }
        return new OrderUpdate(objectives, rewards);
    }

    private static SimulatedObjective objective(JsonNode node, String path) {
        String serialNo = text(node, "objective_serial_no", path);
        long objectiveId = integer(node, "objective_id", path, false);
        String description = text(node, "performance_description", path);
        ChangeType type = changeType(node, "performance_type", path);
        long count = integer(node, "count", path, true);
        OffsetDateTime time = time(node, "performance_time", path);
        String remark = optionalText(node, "remark", path);
        return new SimulatedObjective(serialNo, objectiveId, CardCatalog.objectiveName(objectiveId),
                CardCatalog.objectiveUnit(objectiveId), description, type, count, time, remark);
    }

    private static SimulatedReward reward(JsonNode node, String path) {
        String serialNo = text(node, "reward_serial_no", path);
        long rewardId = integer(node, "reward_id", path, false);
        String description = text(node, "description", path);
        ChangeType type = changeType(node, "reward_type", path);
        long count = integer(node, "count", path, true);
        long amount = integer(node, "amount", path, true);
        OffsetDateTime time = time(node, "reward_time", path);
        String remark = optionalText(node, "remark", path);
        return new SimulatedReward(serialNo, rewardId, CardCatalog.rewardName(rewardId),
                CardCatalog.rewardUnit(rewardId), description, type, count, amount, time, remark);
    }

    private static JsonNode element(List<JsonNode> list, int index, String name) {
        JsonNode node = list.get(index);
        if (node == null || !node.isObject()) {
            throw ApiException.paramError(name + "[" + index + "]", "must be an object", "body");
        }
        return node;
    }

    private static JsonNode required(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw ApiException.paramError(path + "." + field, "is required", "body");
        }
        return value;
    }

    private static String text(JsonNode node, String field, String path) {
        JsonNode value = required(node, field, path);
        if (!value.isString()) {
            throw ApiException.paramError(path + "." + field, "must be a string", "body");
        }
        if (value.stringValue().isBlank()) {
            throw ApiException.paramError(path + "." + field, "must not be empty", "body");
        }
        return value.stringValue();
    }

    private static @Nullable String optionalText(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw ApiException.paramError(path + "." + field, "must be a string", "body");
        }
        return value.stringValue();
    }

    private static long integer(JsonNode node, String field, String path, boolean nonNegative) {
        JsonNode value = required(node, field, path);
        if (!value.isIntegralNumber()) {
            throw ApiException.paramError(path + "." + field, "must be an integer", "body");
        }
        if (!value.canConvertToLong()) {
            throw ApiException.paramError(path + "." + field, "is out of range", "body");
        }
        long number = value.longValue();
        if (nonNegative && number < 0) {
            throw ApiException.paramError(path + "." + field, "must not be negative but was " + number, "body");
        }
        return number;
    }

    private static ChangeType changeType(JsonNode node, String field, String path) {
        JsonNode value = required(node, field, path);
        if (value.isString()) {
            for (ChangeType type : ChangeType.values()) {
                if (type.name().equals(value.stringValue())) {
                    return type;
                }
            }
        }
        throw ApiException.paramError(path + "." + field, "must be one of INCREASE, DECREASE but was " + value,
                "body");
    }

    private static OffsetDateTime time(JsonNode node, String field, String path) {
        JsonNode value = required(node, field, path);
        OffsetDateTime time = value.isString() ? Times.parseOrNull(value.stringValue()) : null;
        if (time == null) {
            throw ApiException.paramError(path + "." + field, "must be an RFC 3339 time such as " + TIME_EXAMPLE,
                    "body");
        }
        return time;
    }
}
