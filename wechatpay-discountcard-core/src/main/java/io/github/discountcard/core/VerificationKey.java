package io.github.discountcard.core;

import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One key WeChat Pay signs with: a WeChat Pay public key ({@code PUB_KEY_ID_…}) or a platform certificate
 * (its serial in upper-case hex). Holds its own pool of initialised verifiers.
 */
public final class VerificationKey {

    /** The prefix of WeChat Pay public key ids. */
    public static final String PUBLIC_KEY_ID_PREFIX = "PUB_KEY_ID_";

    /** Where a key came from. */
    public enum Kind {
        /** A WeChat Pay public key, id {@code PUB_KEY_ID_…}. */
        PUBLIC_KEY,
        /** A platform certificate, id = its serial number. */
        CERTIFICATE
    }

    private final String id;

    private final Kind kind;

    private final PublicKey publicKey;

    private final @Nullable X509Certificate certificate;

    private final SignaturePool verifiers;

    private VerificationKey(String id, Kind kind, PublicKey publicKey, @Nullable X509Certificate certificate,
            @Nullable Provider provider) {
        this.id = id;
        this.kind = kind;
        this.publicKey = publicKey;
        this.certificate = certificate;
        this.verifiers = SignaturePool.forVerifying(publicKey, provider);
    }

    /** A WeChat Pay public key; its id must start with {@value #PUBLIC_KEY_ID_PREFIX}. */
    public static VerificationKey publicKey(String id, PublicKey key, @Nullable Provider provider) {
        RequestSigner.requireText(id, "public key id");
        if (!id.startsWith(PUBLIC_KEY_ID_PREFIX)) {
            throw new KeyMaterialException("A WeChat Pay public key id starts with '" + PUBLIC_KEY_ID_PREFIX
                    + "' but was '" + id + "'");
        }
        return new VerificationKey(id, Kind.PUBLIC_KEY, Objects.requireNonNull(key, "key"), null, provider);
    }

    /** A platform certificate; its id is its serial number in upper-case hex. */
    public static VerificationKey certificate(X509Certificate certificate, @Nullable Provider provider) {
        return new VerificationKey(PemKeys.serialNumber(certificate), Kind.CERTIFICATE, certificate.getPublicKey(),
                certificate, provider);
    }

    public String id() {
        return this.id;
    }

    public Kind kind() {
        return this.kind;
    }

    public PublicKey publicKey() {
        return this.publicKey;
    }

    public @Nullable X509Certificate certificate() {
        return this.certificate;
    }

    /** When a certificate stops being valid; {@code null} for a public key, which does not expire. */
    public @Nullable Instant notAfter() {
        return (this.certificate != null) ? this.certificate.getNotAfter().toInstant() : null;
    }

    /** Whether the key may be used at the given time: always for a public key, within validity for a certificate. */
    public boolean usableAt(Instant now) {
        if (this.certificate == null) {
            return true;
        }
        return !now.isBefore(this.certificate.getNotBefore().toInstant())
                && !now.isAfter(this.certificate.getNotAfter().toInstant());
    }

    /** Verifies a signature over the concatenation of the parts. */
    boolean verify(byte[] signatureBytes, byte[]... parts) {
        Signature verifier = this.verifiers.acquire();
        try {
            for (byte[] part : parts) {
                verifier.update(part);
            }
            boolean valid = verifier.verify(signatureBytes);
            this.verifiers.release(verifier);
            return valid;
        }
        catch (SignatureException | RuntimeException ex) {
            // a malformed signature (or a provider choking on it) leaves the verifier in an unknown state: drop it
            return false;
        }
    }

    @Override
    public String toString() {
        return "VerificationKey[" + this.kind + " " + this.id + "]";
    }
}
