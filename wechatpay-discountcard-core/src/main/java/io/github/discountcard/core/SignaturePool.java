package io.github.discountcard.core;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.jspecify.annotations.Nullable;

/**
 * Initialised {@code SHA256withRSA} objects for one key, reused across calls.
 * <p>
 * A {@link Signature} is not thread-safe, but after {@code sign()} or {@code verify()} it is back in its
 * initialised state, so a pool saves the provider lookup and key set-up on every request.
 * <p>
 * With an explicit provider the key is translated into that provider's own key type once, here: a provider such
 * as ACCP would otherwise convert a JDK-parsed key (re-encoding and parsing it) whenever a new {@code Signature}
 * is initialised with it.
 */
final class SignaturePool {

    static final String ALGORITHM = "SHA256withRSA";

    private static final int MAX_IDLE = 64;

    private final ConcurrentLinkedQueue<Signature> idle = new ConcurrentLinkedQueue<>();

    private final @Nullable PrivateKey privateKey;

    private final @Nullable PublicKey publicKey;

    private final @Nullable Provider provider;

    private SignaturePool(@Nullable PrivateKey privateKey, @Nullable PublicKey publicKey, @Nullable Provider provider) {
        this.privateKey = (privateKey != null) ? translate(privateKey, provider) : null;
        this.publicKey = (publicKey != null) ? translate(publicKey, provider) : null;
        this.provider = provider;
    }

    static SignaturePool forSigning(PrivateKey key, @Nullable Provider provider) {
        SignaturePool pool = new SignaturePool(key, null, provider);
        pool.release(pool.acquire()); // fail at construction, not on the first request
        return pool;
    }

    static SignaturePool forVerifying(PublicKey key, @Nullable Provider provider) {
        SignaturePool pool = new SignaturePool(null, key, provider);
        pool.release(pool.acquire());
        return pool;
    }

    Signature acquire() {
        Signature signature = this.idle.poll();
        return (signature != null) ? signature : create();
    }

    /** Returns a signature whose last operation completed (or that was reset by a fresh init). */
    void release(Signature signature) {
        if (this.idle.size() < MAX_IDLE) {
            this.idle.offer(signature);
        }
    }

    /**
     * The key as the provider's own key type, when the provider has a {@link KeyFactory} that accepts it;
     * otherwise the key as given (the provider's {@code init} then decides).
     */
    @SuppressWarnings("unchecked")
    static <K extends Key> K translate(K key, @Nullable Provider provider) {
        if (provider == null) {
            return key;
        }
        try {
            Key translated = KeyFactory.getInstance(key.getAlgorithm(), provider).translateKey(key);
            if ((key instanceof PrivateKey && translated instanceof PrivateKey)
                    || (key instanceof PublicKey && translated instanceof PublicKey)) {
                return (K) translated;
            }
            return key;
        }
        catch (GeneralSecurityException | RuntimeException ex) {
            return key;
        }
    }

    private Signature create() {
        try {
            Signature signature = (this.provider != null) ? Signature.getInstance(ALGORITHM, this.provider)
                    : Signature.getInstance(ALGORITHM);
            if (this.privateKey != null) {
                signature.initSign(this.privateKey);
            }
            else {
                signature.initVerify(this.publicKey);
            }
            return signature;
        }
        catch (GeneralSecurityException ex) {
            throw new CryptoException(ALGORITHM + " is not available"
                    + ((this.provider != null) ? " from provider " + this.provider.getName() : "") + ": "
                    + ex.getClass().getSimpleName(), ex);
        }
    }
}
