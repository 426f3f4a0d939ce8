package io.github.discountcard.client.loopback;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.github.discountcard.core.RequestSigner;
import io.github.discountcard.core.VerificationKey;
import io.github.discountcard.test.TestMerchant;

/** Signs crafted answers as WeChat Pay does: SHA256withRSA over {@code TIMESTAMP\nNONCE\nBODY\n}. */
public final class AnswerSigner {

    private final String keyId;

    private final KeyPair keyPair;

    private final RequestSigner signer;

    private AnswerSigner(String keyId, KeyPair keyPair) {
        this.keyId = keyId;
        this.keyPair = keyPair;
        this.signer = new RequestSigner("wechatpay", keyId, keyPair.getPrivate(), Clock.systemUTC(), null);
    }

    /** A WeChat Pay public key of its own, {@code PUB_KEY_ID_} + digits. */
    public static AnswerSigner publicKey() {
        String digits = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()));
        return new AnswerSigner(VerificationKey.PUBLIC_KEY_ID_PREFIX + digits, TestMerchant.generate().keyPair());
    }

    /** A signer under an arbitrary serial (a certificate serial, say). */
    public static AnswerSigner withSerial(String serial, KeyPair keyPair) {
        return new AnswerSigner(serial, keyPair);
    }

    public String keyId() {
        return this.keyId;
    }

    /** The key a client holds to verify this signer's answers. */
    public VerificationKey verificationKey() {
        return VerificationKey.publicKey(this.keyId, this.keyPair.getPublic(), null);
    }

    /** The four {@code Wechatpay-*} headers for this body, with this signer's serial. */
    public Map<String, String> sign(byte[] body) {
        return sign(body, this.keyId);
    }

    /** As {@link #sign(byte[])} but naming another serial in {@code Wechatpay-Serial}. */
    public Map<String, String> sign(byte[] body, String serialHeader) {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String nonce = UUID.randomUUID().toString().replace("-", "");
        byte[] head = (timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[head.length + body.length + 1];
        System.arraycopy(head, 0, message, 0, head.length);
        System.arraycopy(body, 0, message, head.length, body.length);
        message[message.length - 1] = '\n';
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Wechatpay-Timestamp", timestamp);
        headers.put("Wechatpay-Nonce", nonce);
        headers.put("Wechatpay-Serial", serialHeader);
        headers.put("Wechatpay-Signature", this.signer.signMessage(message));
        return headers;
    }

    /** A signed 200 answer with this JSON. */
    public LoopbackServer.Reply ok(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return new LoopbackServer.Reply(200, sign(body), body);
    }
}
