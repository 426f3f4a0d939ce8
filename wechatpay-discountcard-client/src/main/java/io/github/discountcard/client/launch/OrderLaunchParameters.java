package io.github.discountcard.client.launch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The signed parameters that open WeChat's claim page for the orders family (lifecycle spec §5.2): as a map for a
 * mini program's {@code extraData}, or as a query string from an APP. Made by {@link OrderLaunchSigner}.
 *
 * @param appid {@code appid}
 * @param timestamp {@code timestamp}, Unix seconds
 * @param nonceStr {@code nonce_str}, 32 letters and digits
 * @param discountCardId {@code discount_card_id}
 * @param mchId {@code mch_id}
 * @param outTradeNo {@code out_trade_no}, new for every launch
 * @param signType {@code sign_type}, {@code WECHATPAY2-SHA256-RSA2048}
 * @param serialNo {@code serial_no}, the merchant certificate serial
 * @param sign {@code sign}, Base64 SHA256withRSA over the six lines {@code appid}, {@code timestamp},
 * {@code nonce_str}, {@code discount_card_id}, {@code mch_id}, {@code out_trade_no}, each ending in {@code \n}
 */
public record OrderLaunchParameters(String appid, String timestamp, String nonceStr, String discountCardId,
        String mchId, String outTradeNo, String signType, String serialNo, String sign) {

    /**
     * The parameters by their documented names, in the documented order.
     * @return an unmodifiable map
     */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("appid", this.appid);
        map.put("timestamp", this.timestamp);
        map.put("nonce_str", this.nonceStr);
        map.put("discount_card_id", this.discountCardId);
        map.put("mch_id", this.mchId);
        map.put("out_trade_no", this.outTradeNo);
        map.put("sign_type", this.signType);
        map.put("serial_no", this.serialNo);
        map.put("sign", this.sign);
        return java.util.Collections.unmodifiableMap(map);
    }

    /**
     * The parameters as a query string ({@code appid=…&timestamp=…&…&sign=…}), values percent-encoded (the
     * signature's {@code +}, {@code /} and {@code =} included).
     * @return the query string, without a leading {@code ?}
     */
    public String toQueryString() {
        StringJoiner query = new StringJoiner("&");
        asMap().forEach((name, value) -> query.add(name + "=" + CardLaunch.encode(value)));
        return query.toString();
    }
}
