package io.github.discountcard.client.model;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The documented JSON examples (spec §1), and the plain mappers users would call. */
final class ModelExamples {

    /** The body of {@code PATCH /v3/discount-card/orders/233bcbf407e87789b8e471f251774f95}. */
    static final String UPDATE_REQUEST = """
            {
              "objectives": [
                {
                  "objective_serial_no": "578354545",
                  "objective_id": 123456,
                  "performance_description": "用户完成了一次打车",
                  "performance_type": "INCREASE",
                  "count": 1,
                  "performance_time": "2015-05-20T13:29:35.120+08:00",
                  "remark": "微信支付打车"
                }
              ],
              "rewards": [
                {
                  "reward_serial_no": "578354",
                  "reward_id": 123456,
                  "description": "打车立减5元",
                  "reward_type": "INCREASE",
                  "count": 1,
                  "amount": 100,
                  "reward_time": "2015-05-20T13:29:35.120+08:00",
                  "remark": "立减优惠"
                }
              ]
            }
            """;

    static final String UPDATE_RESPONSE = """
            {
              "out_order_no": "233bcbf407e87789b8e471f251774f95",
              "order_id": "50000000000000000000000000000000"
            }
            """;

    /** A query response with every documented field. */
    static final String FULL_ORDER = """
            {
              "out_order_no": "233bcbf407e87789b8e471f251774f95",
              "discount_card_id": "df5fbc7d4ca2a4e41b2e2e8e0da5bd1b",
              "out_trade_no": "1234323JKHDFE1243252",
              "appid": "wxd678efh567hg6787",
              "service_id": "500001",
              "order_id": "50000000000000000000000000000000",
              "openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
              "card_begin_time": "2015-05-20T13:29:35.120+08:00",
              "card_end_time": "2015-06-20T13:29:35+08:00",
              "card_name": "微信先享卡",
              "objective_description": "消费10次",
              "reward_description": "每次打车立减5元",
              "estimated_reward_amount": 1000,
              "state": "CHARGED",
              "create_time": "2015-05-20T13:29:35.120+08:00",
              "transaction_id": "4200000000000000000000000000",
              "online_instructions": "线上使用说明",
              "offline_instructions": "线下使用说明",
              "total_amount": 1000,
              "deduction_amount": 500,
              "settlement_amount": 500,
              "pay_time": "2015-06-21T09:00:00.001+08:00",
              "objectives": [
                {
                  "objective_serial_no": "578354545",
                  "objective_id": 123456,
                  "name": "打车",
                  "unit": "次",
                  "performance_description": "用户完成了一次打车",
                  "performance_type": "INCREASE",
                  "count": 1,
                  "performance_time": "2015-05-20T13:29:35.120+08:00",
                  "remark": "微信支付打车"
                },
                {
                  "objective_serial_no": "578354546",
                  "objective_id": 123456,
                  "name": "打车",
                  "unit": "次",
                  "performance_description": "打车订单退款",
                  "performance_type": "DECREASE",
                  "count": 1,
                  "performance_time": "2015-05-21T08:00:00Z"
                }
              ],
              "rewards": [
                {
                  "reward_serial_no": "578354",
                  "reward_id": 123456,
                  "name": "打车立减",
                  "unit": "元",
                  "description": "打车立减5元",
                  "reward_type": "INCREASE",
                  "count": 1,
                  "amount": 100,
                  "reward_time": "2015-05-20T13:29:35.120+08:00",
                  "remark": "立减优惠"
                }
              ]
            }
            """;

    /** A query response with only the required fields. */
    static final String MINIMAL_ORDER = """
            {
              "out_order_no": "233bcbf407e87789b8e471f251774f95",
              "discount_card_id": "df5fbc7d4ca2a4e41b2e2e8e0da5bd1b",
              "out_trade_no": "1234323JKHDFE1243252",
              "appid": "wxd678efh567hg6787",
              "service_id": "500001",
              "order_id": "50000000000000000000000000000000",
              "openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
              "card_begin_time": "2015-05-20T13:29:35+08:00",
              "card_end_time": "2015-06-20T13:29:35+08:00",
              "card_name": "微信先享卡",
              "objective_description": "消费10次",
              "reward_description": "每次打车立减5元",
              "estimated_reward_amount": 0,
              "state": "CREATED",
              "create_time": "2015-05-20T13:29:35.120+08:00"
            }
            """;

    private ModelExamples() {
    }

    /** The mappers users get without configuring anything. */
    static ObjectMapper[] plainMappers() {
        return new ObjectMapper[] { JsonMapper.builder().build(), new ObjectMapper(), new JsonMapper() };
    }
}
