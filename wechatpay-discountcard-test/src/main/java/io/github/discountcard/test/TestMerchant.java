package io.github.discountcard.test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Objects;

import io.github.discountcard.core.RequestSigner;

/**
 * A made-up merchant for tests: a fresh RSA-2048 key pair, a random 40-hex-digit API certificate serial number
 * and a random 32-character APIv3 key. Register it with {@link DiscountCardSimulator#registerMerchant(TestMerchant)}.
 * {@link #toString()} never shows key material.
 */
public final class TestMerchant {

    /** The merchant id of WeChat Pay's documentation examples. */
    public static final String DEFAULT_MCH_ID = "1900000109";

    private final String mchId;

    private final String serialNumber;

    private final KeyPair keyPair;

    private final String apiV3Key;

    private TestMerchant(String mchId, String serialNumber, KeyPair keyPair, String apiV3Key) {
        this.mchId = mchId;
        this.serialNumber = serialNumber;
        this.keyPair = keyPair;
        this.apiV3Key = apiV3Key;
    }

    /** A merchant with the documentation's example id {@value #DEFAULT_MCH_ID}. */
    public static TestMerchant generate() {
        return generate(DEFAULT_MCH_ID);
    }

    /** A merchant with a fresh RSA-2048 key pair (takes some 100 ms), serial number and APIv3 key. */
    public static TestMerchant generate(String mchId) {
        if (mchId == null || mchId.isBlank()) {
            throw new IllegalArgumentException("mchId must not be blank");
        }
        return new TestMerchant(mchId, RandomIds.upperHex(40), rsaKeyPair(), RandomIds.alphanumeric(32));
    }

    /** A merchant from existing material, e.g. the spec's test vectors. */
    public static TestMerchant of(String mchId, String serialNumber, KeyPair keyPair, String apiV3Key) {
        return new TestMerchant(Objects.requireNonNull(mchId, "mchId"), Objects.requireNonNull(serialNumber,
                "serialNumber"), Objects.requireNonNull(keyPair, "keyPair"), Objects.requireNonNull(apiV3Key,
                        "apiV3Key"));
    }

    public String mchId() {
        return this.mchId;
    }

    /** The merchant API certificate serial number: 40 upper-case hex digits. */
    public String serialNumber() {
        return this.serialNumber;
    }

    public PrivateKey privateKey() {
        return this.keyPair.getPrivate();
    }

    public PublicKey publicKey() {
        return this.keyPair.getPublic();
    }

    public KeyPair keyPair() {
        return this.keyPair;
    }

    /** The private key as PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), like {@code apiclient_key.pem}. */
    public String privateKeyPem() {
        return PemWriter.privateKey(privateKey());
    }

    public String publicKeyPem() {
        return PemWriter.publicKey(publicKey());
    }

    /** The 32-character APIv3 key (decrypts {@code /v3/certificates} and callbacks). */
    public String apiV3Key() {
        return this.apiV3Key;
    }

    /** A core request signer for this merchant on the system clock. */
    public RequestSigner signer() {
        return new RequestSigner(this.mchId, this.serialNumber, privateKey());
    }

    /** A core request signer for this merchant on the given clock. */
    public RequestSigner signer(Clock clock) {
        return new RequestSigner(this.mchId, this.serialNumber, privateKey(), clock, null);
    }

    static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RandomIds.random());
            return generator.generateKeyPair();
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("RSA is not available on this JVM", ex);
        }
    }

    @Override
    public String toString() {
        return "TestMerchant[mchId=" + this.mchId + ", serialNumber=" + this.serialNumber
                + ", privateKey=******, apiV3Key=******]";
    }
}
