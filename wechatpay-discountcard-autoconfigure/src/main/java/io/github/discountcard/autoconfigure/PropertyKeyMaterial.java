package io.github.discountcard.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Provider;
import java.util.ArrayList;
import java.util.List;

import io.github.discountcard.core.AeadAesGcm;
import io.github.discountcard.core.KeyMaterialException;
import io.github.discountcard.core.PemKeys;
import io.github.discountcard.core.VerificationKey;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Reads the key material named by {@code wechatpay.*} properties: each value is inline PEM text or a resource
 * location. Every failure becomes a {@link WechatPayConfigurationException} naming the property, never the key.
 */
final class PropertyKeyMaterial {

    static final String PREFIX = "wechatpay.";

    private final WechatPayProperties properties;

    private final ResourceLoader resourceLoader;

    private final @Nullable Provider provider;

    PropertyKeyMaterial(WechatPayProperties properties, ResourceLoader resourceLoader, @Nullable Provider provider) {
        this.properties = properties;
        this.resourceLoader = resourceLoader;
        this.provider = provider;
    }

    String mchId() {
        return required("mch-id", this.properties.getMchId(), "Set it to the merchant id (mchid) issued by WeChat Pay.");
    }

    String merchantSerialNumber() {
        return required("merchant-serial-number", this.properties.getMerchantSerialNumber(),
                "Set it to the serial number of your merchant API certificate (upper-case hex).");
    }

    PrivateKey privateKey() {
        String value = required("private-key", this.properties.getPrivateKey(),
                "Set it to the merchant API private key: inline PEM or a location such as 'file:apiclient_key.pem'.");
        return parse("private-key", value, PemKeys::privateKey,
                "Use the RSA private key of your merchant API certificate (apiclient_key.pem), PKCS#8 or PKCS#1 PEM.");
    }

    /** The WeChat Pay public key, or {@code null} when neither public-key property is set. */
    @Nullable VerificationKey publicKey() {
        String key = this.properties.getPublicKey();
        String id = this.properties.getPublicKeyId();
        if (isBlank(key) && isBlank(id)) {
            return null;
        }
        String keyId = required("public-key-id", id,
                "Set it to the id of your WeChat Pay public key (PUB_KEY_ID_...), shown beside the key in the merchant platform.");
        String pem = required("public-key", key,
                "Set it to the WeChat Pay public key (pub_key.pem): inline PEM or a resource location.");
        if (!keyId.startsWith(VerificationKey.PUBLIC_KEY_ID_PREFIX)) {
            throw new WechatPayConfigurationException(PREFIX + "public-key-id", "'" + keyId
                    + "' does not start with '" + VerificationKey.PUBLIC_KEY_ID_PREFIX + "'",
                    "Copy the public key id from the merchant platform; it looks like PUB_KEY_ID_0114232134912410000000000000.");
        }
        return parse("public-key", pem, (text) -> VerificationKey.publicKey(keyId, PemKeys.publicKey(text), this.provider),
                "Use the WeChat Pay public key PEM ('-----BEGIN PUBLIC KEY-----') downloaded from the merchant platform.");
    }

    List<VerificationKey> platformCertificates() {
        List<VerificationKey> keys = new ArrayList<>();
        List<String> values = this.properties.getPlatformCertificates();
        for (int i = 0; i < values.size(); i++) {
            String property = "platform-certificates[" + i + "]";
            String value = required(property, values.get(i), "Remove the empty entry or set it to a certificate PEM.");
            keys.addAll(parse(property, value,
                    (text) -> PemKeys.certificates(text).stream().map((c) -> VerificationKey.certificate(c, this.provider)).toList(),
                    "Use a WeChat Pay platform certificate PEM ('-----BEGIN CERTIFICATE-----')."));
        }
        return keys;
    }

    /** The AEAD for the APIv3 key, or {@code null} when it is not set. */
    @Nullable AeadAesGcm apiV3Key() {
        String key = this.properties.getApiV3Key();
        if (key == null) {
            return null;
        }
        try {
            return new AeadAesGcm(key);
        }
        catch (KeyMaterialException ex) {
            throw new WechatPayConfigurationException(PREFIX + "api-v3-key", ex.getMessage(),
                    "Set it to the 32-character APIv3 key from the merchant platform (API security settings).");
        }
    }

    private <T> T parse(String property, String value, java.util.function.Function<String, T> parser, String action) {
        String text = pemText(property, value);
        try {
            return parser.apply(text);
        }
        catch (KeyMaterialException ex) {
            throw new WechatPayConfigurationException(PREFIX + property, ex.getMessage(), action);
        }
    }

    /** Inline PEM stays as it is; anything else is a resource location to read. */
    private String pemText(String property, String value) {
        if (PemContent.isPresentInText(value) || value.contains("-----BEGIN ")) {
            return value;
        }
        Resource resource = this.resourceLoader.getResource(value.trim());
        if (!resource.exists()) {
            throw new WechatPayConfigurationException(PREFIX + property, "is neither PEM text nor an existing "
                    + "resource: '" + describeLocation(value) + "' was not found",
                    "Give inline PEM text, or a location such as 'classpath:keys/apiclient_key.pem' or 'file:/path/to/key.pem'.");
        }
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new WechatPayConfigurationException(PREFIX + property, "could not be read from '"
                    + describeLocation(value) + "': " + ex.getClass().getSimpleName(),
                    "Check that the file exists and is readable by the application.");
        }
    }

    /**
     * A location is not a secret, but key text pasted without its PEM lines is: a value that is long or has
     * whitespace inside is never shown.
     */
    private static String describeLocation(String value) {
        String trimmed = value.trim();
        return (trimmed.length() <= 256 && !trimmed.matches(".*\\s.*")) ? trimmed
                : "(value not shown: it looks like key text without its -----BEGIN----- line)";
    }

    private static String required(String property, @Nullable String value, String action) {
        if (value == null || value.isBlank()) {
            throw new WechatPayConfigurationException(PREFIX + property, "is required but "
                    + ((value == null) ? "not set" : "blank"), action);
        }
        return value.trim();
    }

    private static boolean isBlank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
