package io.github.discountcard.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

import io.github.discountcard.core.RequestSigner;
import io.github.discountcard.core.ResponseVerifier;
import io.github.discountcard.core.VerificationKey;
import io.github.discountcard.core.VerificationKeys;
import org.jspecify.annotations.Nullable;

/** What the benchmarks share: ids, the canned order, keys and a plain JDK signer for the server side. */
final class Fixtures {

    static final String MCH_ID = "1900000109";

    static final String MERCHANT_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";

    static final String PUBLIC_KEY_ID = "PUB_KEY_ID_0114232134912410000000000000";

    /** The SDK's config insists on one; nothing here decrypts. */
    static final String API_V3_KEY = "0123456789abcdef0123456789ABCDEF";

    static final String ORDERS_PATH = "/v3/discount-card/orders/";

    static final String ORDER_NO = "233bcbf407e87789b8e471f251774f95";

    /** A query response with every documented field (about 1.3 KB of UTF-8), as the server sends it. */
    static final byte[] ORDER_JSON = ("{\"out_order_no\":\"" + ORDER_NO + "\","
            + "\"discount_card_id\":\"df5fbc7d4ca2a4e41b2e2e8e0da5bd1b\",\"out_trade_no\":\"1234323JKHDFE1243252\","
            + "\"appid\":\"wxd678efh567hg6787\",\"service_id\":\"500001\","
            + "\"order_id\":\"50000000000000000000000000000000\",\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\","
            + "\"card_begin_time\":\"2015-05-20T13:29:35.120+08:00\",\"card_end_time\":\"2015-06-20T13:29:35+08:00\","
            + "\"card_name\":\"微信先享卡\",\"objective_description\":\"消费10次\","
            + "\"reward_description\":\"每次打车立减5元\",\"estimated_reward_amount\":1000,\"state\":\"CHARGED\","
            + "\"create_time\":\"2015-05-20T13:29:35.120+08:00\",\"transaction_id\":\"4200000000000000000000000000\","
            + "\"online_instructions\":\"线上使用说明\",\"offline_instructions\":\"线下使用说明\","
            + "\"total_amount\":1000,\"deduction_amount\":500,\"settlement_amount\":500,"
            + "\"pay_time\":\"2015-06-21T09:00:00.001+08:00\","
            + "\"objectives\":[{\"objective_serial_no\":\"578354545\",\"objective_id\":123456,\"name\":\"打车\","
            + "\"unit\":\"次\",\"performance_description\":\"用户完成了一次打车\",\"performance_type\":\"INCREASE\","
            + "\"count\":1,\"performance_time\":\"2015-05-20T13:29:35.120+08:00\",\"remark\":\"微信支付打车\"},"
            + "{\"objective_serial_no\":\"578354546\",\"objective_id\":123456,\"name\":\"打车\",\"unit\":\"次\","
            + "\"performance_description\":\"打车订单退款\",\"performance_type\":\"DECREASE\",\"count\":1,"
            + "\"performance_time\":\"2015-05-21T08:00:00Z\"}],"
            + "\"rewards\":[{\"reward_serial_no\":\"578354\",\"reward_id\":123456,\"name\":\"打车立减\",\"unit\":\"元\","
            + "\"description\":\"打车立减5元\",\"reward_type\":\"INCREASE\",\"count\":1,\"amount\":100,"
            + "\"reward_time\":\"2015-05-20T13:29:35.120+08:00\",\"remark\":\"立减优惠\"}]}")
        .getBytes(StandardCharsets.UTF_8);

    /** An update request body (PATCH), for the signer benchmark. */
    static final byte[] UPDATE_JSON = ("{\"objectives\":[{\"objective_serial_no\":\"578354545\",\"objective_id\":123456,"
            + "\"performance_description\":\"购买商品\",\"performance_type\":\"INCREASE\",\"count\":1,"
            + "\"performance_time\":\"2015-05-20T13:29:35.120+08:00\",\"remark\":\"特价商品\"}]}")
        .getBytes(StandardCharsets.UTF_8);

    private static final char[] ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private Fixtures() {
    }

    /** The merchant's signer as the clients under test use it, with {@code provider} (or the JDK's for null). */
    static RequestSigner signer(PrivateKey merchantKey, @Nullable Provider provider) {
        return new RequestSigner(MCH_ID, MERCHANT_SERIAL, merchantKey, Clock.systemUTC(), provider);
    }

    /** A verifier that trusts the server's platform key under {@link #PUBLIC_KEY_ID}. */
    static ResponseVerifier verifier(PublicKey platformKey, @Nullable Provider provider) {
        return new ResponseVerifier(new VerificationKeys(
                List.of(VerificationKey.publicKey(PUBLIC_KEY_ID, platformKey, provider))));
    }

    static KeyPair rsa2048() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static String publicKeyBase64(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    static PublicKey publicKeyFromBase64(String base64) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder()
                .decode(base64)));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Base64 SHA256withRSA over {@code timestamp\nnonce\nbody\n} with the JDK: how WeChat Pay signs responses. */
    static String signResponse(PrivateKey key, String timestamp, String nonce, byte[] body) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update((timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8));
            signature.update(body);
            signature.update((byte) '\n');
            return Base64.getEncoder().encodeToString(signature.sign());
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static String nonce(SecureRandom random) {
        char[] nonce = new char[32];
        for (int i = 0; i < nonce.length; i++) {
            nonce[i] = ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)];
        }
        return new String(nonce);
    }
}
