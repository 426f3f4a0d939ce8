package io.github.discountcard.test.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;

import io.github.discountcard.core.PemKeys;
import io.github.discountcard.test.PemWriter;
import io.github.discountcard.test.TestMerchant;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * The merchant the simulator knows the application as: the application's own (configured id, serial and private
 * key) or a generated one. Never shows key material in {@link #toString()}.
 */
final class SimulatedMerchant {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String mchId;

    private final String serialNumber;

    private final PrivateKey privateKey;

    private final PublicKey publicKey;

    private final String apiV3Key;

    private final boolean generated;

    private final boolean apiV3KeyGenerated;

    private SimulatedMerchant(String mchId, String serialNumber, PrivateKey privateKey, PublicKey publicKey,
            String apiV3Key, boolean generated, boolean apiV3KeyGenerated) {
        this.mchId = mchId;
        this.serialNumber = serialNumber;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.apiV3Key = apiV3Key;
        this.generated = generated;
        this.apiV3KeyGenerated = apiV3KeyGenerated;
    }

    static SimulatedMerchant of(Environment environment, ResourceLoader resources, boolean useApplicationKeys) {
        String mchId = text(environment, "wechatpay.mch-id");
        String serial = text(environment, "wechatpay.merchant-serial-number");
        String key = text(environment, "wechatpay.private-key");
        String apiV3Key = text(environment, "wechatpay.api-v3-key");
        if (useApplicationKeys && mchId != null && serial != null && key != null) {
            PrivateKey privateKey = readPrivateKey(key, resources);
            return new SimulatedMerchant(mchId, serial, privateKey, publicKeyOf(privateKey),
                    (apiV3Key != null) ? apiV3Key : randomApiV3Key(), false, apiV3Key == null);
        }
        TestMerchant merchant = TestMerchant.generate((mchId != null) ? mchId : TestMerchant.DEFAULT_MCH_ID);
        return new SimulatedMerchant(merchant.mchId(), merchant.serialNumber(), merchant.privateKey(),
                merchant.publicKey(), merchant.apiV3Key(), true, true);
    }

    String mchId() {
        return this.mchId;
    }

    String serialNumber() {
        return this.serialNumber;
    }

    PublicKey publicKey() {
        return this.publicKey;
    }

    String privateKeyPem() {
        return PemWriter.privateKey(this.privateKey);
    }

    String apiV3Key() {
        return this.apiV3Key;
    }

    /** Whether the keys were generated (and must be configured), not the application's. */
    boolean generated() {
        return this.generated;
    }

    /** Whether the APIv3 key was generated (and must be configured). */
    boolean apiV3KeyGenerated() {
        return this.apiV3KeyGenerated;
    }

    private static String randomApiV3Key() {
        String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder key = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            key.append(letters.charAt(RANDOM.nextInt(letters.length())));
        }
        return key.toString();
    }

    private static @Nullable String text(Environment environment, String name) {
        String value = environment.getProperty(name);
        return (value == null || value.isBlank()) ? null : value;
    }

    private static PrivateKey readPrivateKey(String value, ResourceLoader resources) {
        String text = value.trim();
        if (!PemKeys.looksLikePem(text) && !PemKeys.looksLikePem(text.replace("\\n", "\n"))) {
            text = read(resources.getResource(text));
        }
        try {
            return PemKeys.privateKey(text.replace("\\n", "\n"));
        }
        catch (RuntimeException ex) {
            throw new IllegalStateException("wechatpay.private-key is not a PEM private key the simulator can read "
                    + "(set useApplicationKeys = false on @AutoConfigureDiscountCardSimulator to test with generated "
                    + "keys)", ex);
        }
    }

    private static String read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new IllegalStateException("wechatpay.private-key names " + resource.getDescription()
                    + ", which cannot be read", ex);
        }
    }

    private static PublicKey publicKeyOf(PrivateKey privateKey) {
        if (!(privateKey instanceof RSAPrivateCrtKey rsa)) {
            throw new IllegalStateException("wechatpay.private-key is not an RSA key with its public exponent: the "
                    + "simulator cannot derive the public key that checks the application's signatures");
        }
        try {
            return KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("The public key of wechatpay.private-key cannot be derived", ex);
        }
    }

    @Override
    public String toString() {
        return "SimulatedMerchant[mchId=" + this.mchId + ", serialNumber=" + this.serialNumber
                + (this.generated ? ", generated" : ", the application's") + ", privateKey=******, apiV3Key=******]";
    }
}
