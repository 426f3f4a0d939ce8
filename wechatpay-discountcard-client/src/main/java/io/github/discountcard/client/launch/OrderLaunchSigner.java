package io.github.discountcard.client.launch;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import io.github.discountcard.client.WechatPayInvalidRequestException;
import io.github.discountcard.core.RequestSigner;

/**
 * Signs the parameters that open WeChat's claim page for a card of the orders family (lifecycle spec §5.2), with
 * the merchant key through the same {@link RequestSigner} (and so the same provider) that signs API requests. No
 * HTTP call is made.
 * <p>
 * {@code out_trade_no} must be new for every launch (WeChat refuses a reused one with errcode 273678001); the
 * timestamp and {@code nonce_str} are fresh each time. Thread-safe.
 *
 * <pre>{@code
 * OrderLaunchSigner launches = new OrderLaunchSigner(signer, "wxd678efh567hg6787", "DC00000000000001");
 * OrderLaunchParameters launch = launches.sign("T" + UUID.randomUUID().toString().replace("-", ""));
 * launch.asMap();         // a mini program's extraData
 * launch.toQueryString(); // from an APP
 * }</pre>
 */
public final class OrderLaunchSigner {

    /** The {@code sign_type}. */
    public static final String SIGN_TYPE = RequestSigner.SCHEME;

    private static final Pattern OUT_TRADE_NO = Pattern.compile("[0-9A-Za-z_|*-]{1,32}");

    private static final String NONCE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static final int NONCE_LENGTH = 32;

    private final RequestSigner signer;

    private final String appid;

    private final String discountCardId;

    private final Clock clock;

    private final SecureRandom random = new SecureRandom();

    /**
     * @param signer the merchant's signer: its {@code mchId} and {@code serialNumber} become {@code mch_id} and
     * {@code serial_no}
     * @param appid the app the user's launch comes from (10 to 32 characters)
     * @param discountCardId the discount card (template) id
     */
    public OrderLaunchSigner(RequestSigner signer, String appid, String discountCardId) {
        this(signer, appid, discountCardId, Clock.systemUTC());
    }

    /**
     * @param clock the source of {@code timestamp}
     * @throws WechatPayInvalidRequestException naming {@code appid} or {@code discount_card_id} when invalid
     */
    public OrderLaunchSigner(RequestSigner signer, String appid, String discountCardId, Clock clock) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.clock = Objects.requireNonNull(clock, "clock");
        List<String> problems = new ArrayList<>();
        if (appid == null || appid.length() < 10 || appid.length() > 32 || !appid.equals(appid.strip())) {
            problems.add("appid must have 10 to 32 characters and no surrounding spaces");
        }
        if (discountCardId == null || discountCardId.isBlank() || discountCardId.length() > 64
                || discountCardId.chars().anyMatch((c) -> c == '\n' || c == '\r')) {
            problems.add("discount_card_id is required: 1 to 64 characters on one line");
        }
        if (!problems.isEmpty()) {
            throw new WechatPayInvalidRequestException(problems);
        }
        this.appid = appid;
        this.discountCardId = discountCardId;
    }

    /**
     * The signed parameters of one launch.
     * @param outTradeNo the merchant's trade number of this launch, new each time (1 to 32 digits, letters and
     * {@code _-|*})
     * @return the parameters, {@code sign} over the six documented lines
     * @throws WechatPayInvalidRequestException naming {@code out_trade_no} when invalid
     */
    public OrderLaunchParameters sign(String outTradeNo) {
        if (outTradeNo == null || !OUT_TRADE_NO.matcher(outTradeNo).matches()) {
            throw new WechatPayInvalidRequestException(
                    List.of("out_trade_no must be 1 to 32 characters of digits, letters and _-|*"));
        }
        String timestamp = Long.toString(this.clock.instant().getEpochSecond());
        String nonce = nonce();
        String mchId = this.signer.mchId();
        String message = this.appid + "\n" + timestamp + "\n" + nonce + "\n" + this.discountCardId + "\n" + mchId
                + "\n" + outTradeNo + "\n";
        String sign = this.signer.signMessage(message.getBytes(StandardCharsets.UTF_8));
        return new OrderLaunchParameters(this.appid, timestamp, nonce, this.discountCardId, mchId, outTradeNo,
                SIGN_TYPE, this.signer.serialNumber(), sign);
    }

    private String nonce() {
        char[] nonce = new char[NONCE_LENGTH];
        for (int i = 0; i < NONCE_LENGTH; i++) {
            nonce[i] = NONCE_ALPHABET.charAt(this.random.nextInt(NONCE_ALPHABET.length()));
        }
        return new String(nonce);
    }

    @Override
    public String toString() {
        return "OrderLaunchSigner[mchId=" + this.signer.mchId() + ", appid=" + this.appid + "]";
    }
}
