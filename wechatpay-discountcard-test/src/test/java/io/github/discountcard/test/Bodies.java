package io.github.discountcard.test;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Update request bodies for the tests, in the documented example values. */
final class Bodies {

    static final String TIME = "2015-05-20T13:29:35.120+08:00";

    private Bodies() {
    }

    static ObjectNode objective(String serialNo, String type, long count) {
        ObjectNode objective = SignedClient.JSON.createObjectNode();
        objective.put("objective_serial_no", serialNo);
        objective.put("objective_id", 123456);
        objective.put("performance_description", "到店消费 1 次");
        objective.put("performance_type", type);
        objective.put("count", count);
        objective.put("performance_time", TIME);
        objective.put("remark", "目标备注");
        return objective;
    }

    static ObjectNode reward(String serialNo, String type, long amount) {
        ObjectNode reward = SignedClient.JSON.createObjectNode();
        reward.put("reward_serial_no", serialNo);
        reward.put("reward_id", 123456);
        reward.put("description", "消费立减 1 元");
        reward.put("reward_type", type);
        reward.put("count", 1);
        reward.put("amount", amount);
        reward.put("reward_time", TIME);
        reward.put("remark", "奖励备注");
        return reward;
    }

    static String update(ObjectNode... records) {
        ObjectNode body = SignedClient.JSON.createObjectNode();
        ArrayNode objectives = null;
        ArrayNode rewards = null;
        for (ObjectNode record : records) {
            if (isObjective(record)) {
                objectives = (objectives != null) ? objectives : body.putArray("objectives");
                objectives.add(record);
            }
            else {
                rewards = (rewards != null) ? rewards : body.putArray("rewards");
                rewards.add(record);
            }
        }
        return body.toString();
    }

    private static boolean isObjective(ObjectNode record) {
        return record.has("objective_serial_no") || record.has("objective_id") || record.has("performance_type")
                || record.has("performance_description") || record.has("performance_time");
    }

    static String orderPath(String outOrderNo) {
        return "/v3/discount-card/orders/" + outOrderNo;
    }
}
