package io.github.discountcard.test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.github.discountcard.core.PemKeys;
import io.github.discountcard.core.RequestSigner;
import io.github.discountcard.core.VerificationKey;
import io.github.discountcard.core.VerificationKeys;
import org.jspecify.annotations.Nullable;

/**
 * The simulator's platform keys: a WeChat Pay public key ({@code PUB_KEY_ID_…}) and/or self-signed platform
 * certificates, depending on the {@link SigningMode}. Certificates are kept oldest first; the last one is current
 * and signs. Rotation swaps in a new immutable list atomically.
 */
final class PlatformKeys {

    /** How long before "now" a new certificate becomes valid, to absorb clock skew. */
    static final Duration BACKDATE = Duration.ofDays(1);

    /** WeChat Pay platform certificates are valid for five years. */
    static final Duration VALIDITY = Duration.ofDays(5 * 365);

    private static final String SIGNER_MCH_ID = "wechatpay-simulator";

    private final SigningMode mode;

    private final Clock clock;

    private final @Nullable SigningKey publicKey;

    // oldest first; replaced whole by rotate(), so readers never see a half-made list
    private volatile List<SigningKey> certificates = List.of();

    PlatformKeys(SigningMode mode, Clock clock) {
        this(mode, clock, null);
    }

    /**
     * @param given the WeChat Pay public key pair and its id to sign with, or {@code null} to generate them
     * (PUBLIC_KEY and MIXED modes only)
     */
    PlatformKeys(SigningMode mode, Clock clock, @Nullable GivenKey given) {
        if (given != null && mode == SigningMode.CERTIFICATE) {
            throw new IllegalStateException("A WeChat Pay public key was given but the simulator runs in CERTIFICATE "
                    + "mode, which has none: use SigningMode.PUBLIC_KEY or MIXED");
        }
        this.mode = mode;
        this.clock = clock;
        this.publicKey = (mode == SigningMode.CERTIFICATE) ? null
                : (given != null) ? signingKey(given.id(), given.keyPair(), null)
                        : signingKey(VerificationKey.PUBLIC_KEY_ID_PREFIX + RandomIds.digits(28),
                                TestMerchant.rsaKeyPair(), null);
        if (mode != SigningMode.PUBLIC_KEY) {
            Instant now = clock.instant();
            rotate(now.minus(BACKDATE), now.plus(VALIDITY));
        }
    }

    SigningMode mode() {
        return this.mode;
    }

    /** MIXED mode: the key that signs every response whatever the request names; null to follow the request. */
    private volatile SimulatedNotifications.@Nullable SignedBy responseKey;

    void responseKey(SimulatedNotifications.@Nullable SignedBy signedBy) {
        this.responseKey = signedBy;
    }

    /** The key that signs a response to a request whose {@code Wechatpay-Serial} header is given. */
    SigningKey keyFor(@Nullable String requestedSerial) {
        SimulatedNotifications.SignedBy forced = this.responseKey;
        if (this.mode == SigningMode.MIXED && forced != null && forced != SimulatedNotifications.SignedBy.DEFAULT) {
            return (forced == SimulatedNotifications.SignedBy.PUBLIC_KEY) ? publicKey() : currentCertificate();
        }
        if (this.mode == SigningMode.MIXED && requestedSerial != null && !requestedSerial.isBlank()) {
            String wanted = requestedSerial.trim().toUpperCase(Locale.ROOT);
            if (this.publicKey != null && this.publicKey.id().toUpperCase(Locale.ROOT).equals(wanted)) {
                return this.publicKey;
            }
            for (SigningKey certificate : this.certificates) {
                if (certificate.id().equals(wanted)) {
                    return certificate;
                }
            }
        }
        return defaultKey();
    }

    /** The public key in {@code PUBLIC_KEY} mode, the current certificate otherwise. */
    SigningKey defaultKey() {
        return (this.mode == SigningMode.PUBLIC_KEY) ? publicKey() : currentCertificate();
    }

    SigningKey publicKey() {
        if (this.publicKey == null) {
            throw new IllegalStateException("The simulator runs in CERTIFICATE mode and has no WeChat Pay public key "
                    + "(PUB_KEY_ID_...): use platformCertificate(), or build it with SigningMode.PUBLIC_KEY or MIXED");
        }
        return this.publicKey;
    }

    SigningKey currentCertificate() {
        List<SigningKey> all = this.certificates;
        if (all.isEmpty()) {
            throw new IllegalStateException("The simulator runs in PUBLIC_KEY mode and has no platform certificate: "
                    + "use platformPublicKey(), or build it with SigningMode.CERTIFICATE or MIXED");
        }
        return all.get(all.size() - 1);
    }

    /** What {@code GET /v3/certificates} lists: the current certificate, then the earlier ones still valid now. */
    List<SigningKey> listedCertificates() {
        List<SigningKey> all = this.certificates;
        if (all.isEmpty()) {
            return List.of();
        }
        Instant now = this.clock.instant();
        List<SigningKey> listed = new ArrayList<>();
        listed.add(all.get(all.size() - 1));
        for (int i = all.size() - 2; i >= 0; i--) {
            X509Certificate certificate = all.get(i).certificate();
            if (certificate != null && !now.isBefore(certificate.getNotBefore().toInstant())
                    && !now.isAfter(certificate.getNotAfter().toInstant())) {
                listed.add(all.get(i));
            }
        }
        return List.copyOf(listed);
    }

    /** Makes a new certificate (with a new key pair) the signing one; the earlier ones stay known. */
    synchronized X509Certificate rotate(Instant notBefore, Instant notAfter) {
        if (this.mode == SigningMode.PUBLIC_KEY) {
            throw new IllegalStateException("The simulator runs in PUBLIC_KEY mode: it has no platform certificates "
                    + "to rotate; build it with SigningMode.CERTIFICATE or MIXED");
        }
        KeyPair keyPair = TestMerchant.rsaKeyPair();
        X509Certificate certificate = SelfSignedCertificates.create(keyPair, SelfSignedCertificates.newSerial(),
                notBefore, notAfter);
        SigningKey key = signingKey(PemKeys.serialNumber(certificate), keyPair, certificate);
        List<SigningKey> next = new ArrayList<>(this.certificates);
        next.add(key);
        this.certificates = List.copyOf(next);
        return certificate;
    }

    /** Every key a client may meet: the public key and all certificates ever made (expired ones included). */
    VerificationKeys verificationKeys() {
        List<VerificationKey> keys = new ArrayList<>();
        if (this.publicKey != null) {
            keys.add(VerificationKey.publicKey(this.publicKey.id(), this.publicKey.publicKey(), null));
        }
        for (SigningKey certificate : this.certificates) {
            keys.add(VerificationKey.certificate(Objects.requireNonNull(certificate.certificate()), null));
        }
        return new VerificationKeys(keys);
    }

    /** A WeChat Pay public key pair and its {@code PUB_KEY_ID_…} id, given instead of generated. */
    record GivenKey(KeyPair keyPair, String id) {

        GivenKey {
            Objects.requireNonNull(keyPair, "keyPair");
            Objects.requireNonNull(id, "publicKeyId");
            if (!id.startsWith(VerificationKey.PUBLIC_KEY_ID_PREFIX)
                    || id.length() == VerificationKey.PUBLIC_KEY_ID_PREFIX.length() || !id.strip().equals(id)) {
                throw new IllegalArgumentException("A WeChat Pay public key id is '"
                        + VerificationKey.PUBLIC_KEY_ID_PREFIX + "' followed by digits but was '" + id + "'");
            }
            if (!"RSA".equals(keyPair.getPublic().getAlgorithm()) || !"RSA".equals(keyPair.getPrivate().getAlgorithm())) {
                throw new IllegalArgumentException("The WeChat Pay key pair must be RSA but is "
                        + keyPair.getPublic().getAlgorithm() + "/" + keyPair.getPrivate().getAlgorithm());
            }
            if (!matches(keyPair)) {
                throw new IllegalArgumentException("The WeChat Pay public key does not belong to the private key: "
                        + "responses signed with it would not verify");
            }
        }

        private static boolean matches(KeyPair keyPair) {
            try {
                byte[] probe = "discountcard-simulator key pair check".getBytes(StandardCharsets.US_ASCII);
                Signature signer = Signature.getInstance("SHA256withRSA");
                signer.initSign(keyPair.getPrivate());
                signer.update(probe);
                byte[] signature = signer.sign();
                Signature verifier = Signature.getInstance("SHA256withRSA");
                verifier.initVerify(keyPair.getPublic());
                verifier.update(probe);
                return verifier.verify(signature);
            }
            catch (GeneralSecurityException ex) {
                throw new IllegalArgumentException("The WeChat Pay key pair cannot sign with SHA256withRSA ("
                        + ex.getClass().getSimpleName() + ")", ex);
            }
        }

        @Override
        public String toString() {
            return "GivenKey[" + this.id + "]";
        }
    }

    private SigningKey signingKey(String id, KeyPair keyPair, @Nullable X509Certificate certificate) {
        RequestSigner signer = new RequestSigner(SIGNER_MCH_ID, id, keyPair.getPrivate(), this.clock, null);
        return new SigningKey(id, keyPair.getPublic(), signer, certificate);
    }
}
