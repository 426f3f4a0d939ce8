package io.github.discountcard.core;

import java.security.GeneralSecurityException;
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
 */
final class SignaturePool {

    static final String ALGORITHM = "SHA256withRSA";

    private static final int MAX_IDLE = 64;

    private final ConcurrentLinkedQueue<Signature> idle = new ConcurrentLinkedQueue<>();

    private final @Nullable PrivateKey privateKey;

    private final @Nullable PublicKey publicKey;

    private final @Nullable Provider provider;

    private SignaturePool(@Nullable PrivateKey privateKey, @Nullable PublicKey publicKey, @Nullable Provider provider) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
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
