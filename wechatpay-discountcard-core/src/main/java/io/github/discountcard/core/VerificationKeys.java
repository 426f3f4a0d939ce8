package io.github.discountcard.core;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The registry of keys that WeChat Pay responses may be signed with, looked up by {@code Wechatpay-Serial}.
 * <p>
 * Reads see an immutable snapshot; every change swaps in a new snapshot in one write (writers take turns), so a
 * refresh never leaves a moment without keys and never races with a request being verified.
 */
public final class VerificationKeys {

    private volatile Map<String, VerificationKey> snapshot = Map.of();

    public VerificationKeys() {
    }

    public VerificationKeys(Collection<VerificationKey> keys) {
        keys.forEach(this::put);
    }

    /** Adds or replaces one key. */
    public synchronized void put(VerificationKey key) {
        Map<String, VerificationKey> next = new LinkedHashMap<>(this.snapshot);
        next.put(normalize(key.id()), key);
        this.snapshot = Map.copyOf(next);
    }

    /** Replaces every certificate with the given ones in one step; public keys stay. */
    public synchronized void replaceCertificates(Collection<VerificationKey> certificates) {
        Map<String, VerificationKey> next = new LinkedHashMap<>();
        this.snapshot.forEach((id, key) -> {
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
        this.snapshot = Map.copyOf(next);
    }

    /** The key with this id or serial, usable or not; {@code null} when unknown. */
    public @Nullable VerificationKey find(String id) {
        return this.snapshot.get(normalize(id));
    }

    /** Every key held now, in no particular order. */
    public List<VerificationKey> all() {
        return List.copyOf(this.snapshot.values());
    }

    /** Whether at least one key is usable at the given time. */
    public boolean hasUsableKey(Instant now) {
        return this.snapshot.values().stream().anyMatch((key) -> key.usableAt(now));
    }

    /**
     * The id to send as the request's {@code Wechatpay-Serial}, naming the key we expect responses to be signed
     * with: the WeChat Pay public key when we hold one, else the usable certificate that expires last.
     */
    public @Nullable String preferredId(Instant now) {
        String best = null;
        Instant bestNotAfter = Instant.MIN;
        for (VerificationKey key : this.snapshot.values()) {
            if (key.kind() == VerificationKey.Kind.PUBLIC_KEY) {
                return key.id();
            }
            Instant notAfter = key.notAfter();
            if (notAfter != null && key.usableAt(now) && notAfter.isAfter(bestNotAfter)) {
                best = key.id();
                bestNotAfter = notAfter;
            }
        }
        return best;
    }

    public boolean isEmpty() {
        return this.snapshot.isEmpty();
    }

    // serial numbers are hex: WeChat writes them upper-case, but a lower-case header still names the same key
    private static String normalize(String id) {
        return id.trim().toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "VerificationKeys" + this.snapshot.keySet();
    }
}
