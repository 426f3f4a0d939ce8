package io.github.discountcard.test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The simulated discount card: plausible values for new orders, and the {@code name}/{@code unit} of objectives
 * and rewards. Any objective or reward id is accepted (WeChat's rule for unknown ids is not documented).
 */
final class CardCatalog {

    static final String APPID = "wxd678efh567hg6787";

    static final String SERVICE_ID = "500001";

    static final Duration CARD_LIFETIME = Duration.ofDays(30);

    static final int MAX_OUT_ORDER_NO = 64;

    static final int MAX_OUT_TRADE_NO = 32;

    private static final Pattern OUT_TRADE_NO = Pattern.compile("[A-Za-z0-9_\\-|*]{1,32}");

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuuMMdd");

    private final AtomicLong orderSequence = new AtomicLong();

    private final String discountCardId = "DC" + RandomIds.digits(14);

    /** A new order in state {@code CREATED} with plausible values. */
    SimulatedOrder newOrder(String outOrderNo, String outTradeNo, Clock clock) {
        checkOutOrderNo(outOrderNo);
        checkOutTradeNo(outTradeNo);
        OffsetDateTime now = Times.now(clock);
        String orderId = "1000" + now.format(DAY) + String.format("%08d", this.orderSequence.incrementAndGet())
                + RandomIds.digits(8);
        return new SimulatedOrder(outOrderNo, this.discountCardId, outTradeNo, APPID, SERVICE_ID, orderId,
                "oUpF8u" + RandomIds.alphanumeric(22), now, now.plus(CARD_LIFETIME), "先享卡（模拟）",
                "30 天内到店消费满 3 次", "每次消费立减 5 元，未达成目标时需补缴已享优惠", 0, OrderState.CREATED.name(), now,
                null, "在微信支付先享卡小程序中查看进度", "到店消费时出示先享卡", null, null, null, null, List.of(), List.of());
    }

    /** An out_trade_no derived from the out_order_no: stable, at most 32 characters of [A-Za-z0-9]. */
    static String deriveOutTradeNo(String outOrderNo) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(outOrderNo.getBytes(StandardCharsets.UTF_8));
            return "T" + HexFormat.of().formatHex(digest, 0, 15);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }

    static String objectiveName(long objectiveId) {
        return "到店消费目标 " + objectiveId;
    }

    static String objectiveUnit(long objectiveId) {
        return "次";
    }

    static String rewardName(long rewardId) {
        return "消费立减优惠 " + rewardId;
    }

    static String rewardUnit(long rewardId) {
        return "次";
    }

    static void checkOutOrderNo(String outOrderNo) {
        if (outOrderNo == null || outOrderNo.isEmpty() || outOrderNo.length() > MAX_OUT_ORDER_NO) {
            throw new IllegalArgumentException("out_order_no must have 1 to " + MAX_OUT_ORDER_NO + " characters but was '"
                    + outOrderNo + "'");
        }
    }

    static void checkOutTradeNo(String outTradeNo) {
        if (outTradeNo == null || !OUT_TRADE_NO.matcher(outTradeNo).matches()) {
            throw new IllegalArgumentException("out_trade_no must be 1 to " + MAX_OUT_TRADE_NO
                    + " characters of digits, letters and _-|* but was '" + outTradeNo + "'");
        }
    }
}
