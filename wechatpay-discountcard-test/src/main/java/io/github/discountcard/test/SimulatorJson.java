package io.github.discountcard.test;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON the simulator answers with, in WeChat's snake_case and field order; absent optional fields are omitted. */
final class SimulatorJson {

    private final JsonMapper mapper = JsonMapper.builder().build();

    JsonMapper mapper() {
        return this.mapper;
    }

    /** The response of {@code PATCH}: {@code {"out_order_no","order_id"}}. */
    byte[] updated(SimulatedOrder order) {
        ObjectNode json = this.mapper.createObjectNode();
        json.put("out_order_no", order.outOrderNo());
        json.put("order_id", order.orderId());
        return bytes(json);
    }

    /** The full order of the query responses. */
    byte[] order(SimulatedOrder order) {
        ObjectNode json = this.mapper.createObjectNode();
        json.put("out_order_no", order.outOrderNo());
        json.put("discount_card_id", order.discountCardId());
        json.put("out_trade_no", order.outTradeNo());
        json.put("appid", order.appid());
        json.put("service_id", order.serviceId());
        json.put("order_id", order.orderId());
        json.put("openid", order.openid());
        json.put("card_begin_time", Times.format(order.cardBeginTime()));
        json.put("card_end_time", Times.format(order.cardEndTime()));
        json.put("card_name", order.cardName());
        json.put("objective_description", order.objectiveDescription());
        json.put("reward_description", order.rewardDescription());
        json.put("estimated_reward_amount", order.estimatedRewardAmount());
        json.put("state", order.state());
        json.put("create_time", Times.format(order.createTime()));
        putIfPresent(json, "transaction_id", order.transactionId());
        putIfPresent(json, "online_instructions", order.onlineInstructions());
        putIfPresent(json, "offline_instructions", order.offlineInstructions());
        putIfPresent(json, "total_amount", order.totalAmount());
        putIfPresent(json, "deduction_amount", order.deductionAmount());
        putIfPresent(json, "settlement_amount", order.settlementAmount());
        if (order.payTime() != null) {
            json.put("pay_time", Times.format(order.payTime()));
        }
        if (!order.objectives().isEmpty()) {
            ArrayNode objectives = json.putArray("objectives");
            for (SimulatedObjective objective : order.objectives()) {
                ObjectNode item = objectives.addObject();
                item.put("objective_serial_no", objective.objectiveSerialNo());
                item.put("objective_id", objective.objectiveId());
                item.put("name", objective.name());
                item.put("unit", objective.unit());
                item.put("performance_description", objective.performanceDescription());
                item.put("performance_type", objective.performanceType().name());
                item.put("count", objective.count());
                item.put("performance_time", Times.format(objective.performanceTime()));
                putIfPresent(item, "remark", objective.remark());
            }
        }
        if (!order.rewards().isEmpty()) {
            ArrayNode rewards = json.putArray("rewards");
            for (SimulatedReward reward : order.rewards()) {
                ObjectNode item = rewards.addObject();
                item.put("reward_serial_no", reward.rewardSerialNo());
                item.put("reward_id", reward.rewardId());
                item.put("name", reward.name());
                item.put("unit", reward.unit());
                item.put("description", reward.description());
                item.put("reward_type", reward.rewardType().name());
                item.put("count", reward.count());
                item.put("amount", reward.amount());
                item.put("reward_time", Times.format(reward.rewardTime()));
                putIfPresent(item, "remark", reward.remark());
            }
        }
        return bytes(json);
    }

    /** {@code {"code","message","detail"?}}. */
    byte[] error(String code, String message, @Nullable Map<String, Object> detail) {
        ObjectNode json = this.mapper.createObjectNode();
        json.put("code", code);
        json.put("message", message);
        if (detail != null) {
            json.set("detail", this.mapper.valueToTree(detail));
        }
        return bytes(json);
    }

    /** {@code {"data":[{"serial_no","effective_time","expire_time","encrypt_certificate":{...}}]}}. */
    byte[] certificates(List<EncryptedCertificate> certificates) {
        ObjectNode json = this.mapper.createObjectNode();
        ArrayNode data = json.putArray("data");
        for (EncryptedCertificate certificate : certificates) {
            ObjectNode item = data.addObject();
            item.put("serial_no", certificate.serialNo());
            item.put("effective_time", certificate.effectiveTime());
            item.put("expire_time", certificate.expireTime());
            ObjectNode encrypted = item.putObject("encrypt_certificate");
            encrypted.put("algorithm", "AEAD_AES_256_GCM");
            encrypted.put("nonce", certificate.nonce());
            encrypted.put("associated_data", certificate.associatedData());
            encrypted.put("ciphertext", certificate.ciphertext());
        }
        return bytes(json);
    }

    private static void putIfPresent(ObjectNode json, String name, @Nullable String value) {
        if (value != null) {
            json.put(name, value);
        }
    }

    private static void putIfPresent(ObjectNode json, String name, @Nullable Long value) {
        if (value != null) {
            json.put(name, value.longValue());
        }
    }

    private byte[] bytes(ObjectNode json) {
        return this.mapper.writeValueAsBytes(json);
    }

    /** One entry of {@code /v3/certificates}. */
    record EncryptedCertificate(String serialNo, String effectiveTime, String expireTime, String nonce,
            String associatedData, String ciphertext) {
    }
}
