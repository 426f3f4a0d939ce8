package io.github.discountcard.client.model;

/** Documented cards-family JSON (lifecycle spec §2), with every field of the query response. */
final class CardModelExamples {

    static final String PREPARE_REQUEST = """
            {
              "out_card_code": "150000000000001",
              "card_template_id": "CTA27E34ABCDE",
              "appid": "wxd678efh567hg6787",
              "notify_url": "https://api.example.com/wechatpay/notifications"
            }
            """;

    static final String ADD_USER_RECORDS_REQUEST = """
            {
              "card_template_id": "CTA27E34ABCDE",
              "objective_completion_records": [
                {
                  "objective_completion_serial_no": "578354545",
                  "objective_id": "123456",
                  "completion_time": "2015-05-20T13:29:35.120+08:00",
                  "completion_type": "INCREASE",
                  "description": "用户完成了一次打车",
                  "completion_count": 1,
                  "remark": "微信支付打车"
                }
              ],
              "reward_usage_records": [
                {
                  "reward_usage_serial_no": "578354",
                  "reward_id": "123456",
                  "usage_time": "2015-05-20T13:29:35.12+08:00",
                  "usage_type": "INCREASE",
                  "description": "打车立减5元",
                  "usage_count": 1,
                  "amount": 100,
                  "remark": "立减优惠"
                }
              ]
            }
            """;

    static final String FULL_CARD = """
            {
              "card_id": "2000000000001",
              "card_template_id": "CTA27E34ABCDE",
              "openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
              "out_card_code": "150000000000001",
              "appid": "wxd678efh567hg6787",
              "mchid": "1900000109",
              "time_range": {
                "begin_time": "2015-05-20T13:29:35.120+08:00",
                "end_time": "2015-06-20T13:29:35+08:00"
              },
              "state": "UNFINISHED",
              "unfinished_reason": "EARLY_QUIT",
              "total_amount": 500,
              "pay_information": {
                "pay_amount": 500,
                "pay_state": "PAID",
                "transaction_id": "4200000000000000000000000000",
                "pay_time": "2015-06-21T09:00:00.001+08:00"
              },
              "create_time": "2015-05-20T13:29:35.120+08:00",
              "objectives": [
                {
                  "objective_id": "123456",
                  "name": "打车",
                  "count": 10,
                  "unit": "次",
                  "description": "打车10次",
                  "objective_completion_records": [
                    {
                      "objective_completion_serial_no": "578354545",
                      "objective_id": "123456",
                      "completion_time": "2015-05-20T13:29:35.120+08:00",
                      "completion_type": "INCREASE",
                      "description": "用户完成了一次打车",
                      "completion_count": 1,
                      "remark": "微信支付打车"
                    }
                  ]
                }
              ],
              "rewards": [
                {
                  "reward_id": "654321",
                  "name": "打车立减",
                  "count_type": "COUNT_LIMIT",
                  "count": 10,
                  "unit": "次",
                  "amount": 500,
                  "description": "每次打车立减5元",
                  "reward_usage_records": [
                    {
                      "reward_usage_serial_no": "578354",
                      "reward_id": "654321",
                      "usage_time": "2015-05-21T08:00:00Z",
                      "usage_type": "DECREASE",
                      "description": "打车退款",
                      "usage_count": 1,
                      "amount": 500
                    }
                  ]
                }
              ],
              "sharer_openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS70"
            }
            """;

    private CardModelExamples() {
    }
}
