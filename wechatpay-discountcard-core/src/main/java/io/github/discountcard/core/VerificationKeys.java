package io.github.discountcard.core;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * The registry of keys that WeChat Pay responses may be signed with, looked up by {@code Wechatpay-Serial}.
 * <p>
 * Reads see an immutable snapshot; every change swaps in a new snapshot atomically, so a refresh never
 * leaves a moment without keys and never races with a request being verified.
 */
public final class VerificationKeys {

    private final AtomicReference<Map<String, VerificationKey>> snapshot = new AtomicReference<>(Map.of());

    public VerificationKeys() {
    }

    public VerificationKeys(Collection<VerificationKey> keys) {
        keys.forEach(this::put);
    }

    /** Adds or replaces one key. */
    public void put(VerificationKey key) {
        this.snapshot.updateAndGet((current) -> {
            Map<String, VerificationKey> next = new LinkedHashMap<>(current);
            next.put(normalize(key.id()), key);
            return Map.copyOf(next);
        });
    }

    /** Replaces every certificate with the given ones in one step; public keys stay. */
    public void replaceCertificates(Collection<VerificationKey> certificates) {
        this.snapshot.updateAndGet((current) -> {
            Map<String, VerificationKey> next = new LinkedHashMap<>();
            current.forEach((id, key) -> {
                if (key.kind() == VerificationKey.Kind.PUBLIC_KEY) {
                    next.put(id, key);
                }
            });
            for (VerificationKey certificate : certificates) {
                if (certificate.kind() != VerificationKey.Kind.CERTIFICATE) {
                    throw new IllegalArgumentException(certificate + " is not a certificate");
                }
                next.put(normalize(certificate.id()), certificate);
            }
            return Map.copyOf(next);
        });
    }

    /** The key with this id or serial, usable or not; {@code null} when unknown. */
    public @Nullable VerificationKey find(String id) {
        return this.snapshot.get().get(normalize(id));
    }

    /** Every key held now, in no particular order. */
    public List<VerificationKey> all() {
        return List.copyOf(this.snapshot.get().values());
    }

    /** Whether at least one key is usable at the given time. */
    public boolean hasUsableKey(Instant now) {
        return this.snapshot.get().values().stream().anyMatch((key) -> key.usableAt(now));
    }

    /**
     * The id to send as the request's {@code Wechatpay-Serial}, naming the key we expect responses to be signed
     * with: the WeChat Pay public key when we hold one, else the usable certificate that expires last.
     */
    public @Nullable String preferredId(Instant now) {
        VerificationKey best = null;
        for (VerificationKey key : this.snapshot.get().values()) {
            if (key.kind() == VerificationKey.Kind.PUBLIC_KEY) {
                return key.id();
            }
            if (key.usableAt(now) && (best == null || key.notAfter().isAfter(best.notAfter()))) {
                best = key;
            }
        }
        return (best != null) ? best.id() : null;
    }

    public boolean isEmpty() {
        return this.snapshot.get().isEmpty();
    }

    // serial numbers are hex: WeChat writes them upper-case, but a lower-case header still names the same key
    private static String normalize(String id) {
        return id.trim().toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "VerificationKeys" + this.snapshot.get().keySet();
    }
}
