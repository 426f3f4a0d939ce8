package io.github.discountcard.test;

import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.discountcard.core.AeadAesGcm;
import org.jspecify.annotations.Nullable;

/** The merchants the simulator knows: per mchid, the API certificate serials with their public keys and the APIv3 key. */
final class MerchantRegistry {

    private final ConcurrentHashMap<String, Merchant> merchants = new ConcurrentHashMap<>();

    /** Adds a serial (a merchant may have several during a key rotation) and, when given, sets the APIv3 key. */
    void register(String mchId, String serialNumber, PublicKey key, @Nullable String apiV3Key) {
        requireText(mchId, "mchId");
        requireText(serialNumber, "serialNumber");
        Objects.requireNonNull(key, "key");
        if (!"RSA".equals(key.getAlgorithm())) {
            throw new IllegalArgumentException("The merchant key must be an RSA key but is " + key.getAlgorithm());
        }
        AeadAesGcm aead = (apiV3Key != null) ? new AeadAesGcm(apiV3Key) : null; // checks the key length
        this.merchants.compute(mchId, (id, current) -> {
            Map<String, PublicKey> keys = new LinkedHashMap<>((current != null) ? current.keys() : Map.of());
            keys.put(normalize(serialNumber), key);
            AeadAesGcm keep = (aead != null) ? aead : ((current != null) ? current.aead() : null);
            return new Merchant(id, Map.copyOf(keys), keep);
        });
    }

    Optional<Merchant> find(String mchId) {
        return Optional.ofNullable(this.merchants.get(mchId));
    }

    static String normalize(String serial) {
        return serial.trim().toUpperCase(Locale.ROOT);
    }

    private static void requireText(@Nullable String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /** One merchant: its keys by normalised serial, and the AEAD of its APIv3 key when registered. */
    record Merchant(String mchId, Map<String, PublicKey> keys, @Nullable AeadAesGcm aead) {

        @Nullable PublicKey key(String serialNumber) {
            return this.keys.get(normalize(serialNumber));
        }
    }
}
