package io.github.discountcard.test;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

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

    private final AtomicReference<List<SigningKey>> certificates = new AtomicReference<>(List.of());

    PlatformKeys(SigningMode mode, Clock clock) {
        this.mode = mode;
        this.clock = clock;
        this.publicKey = (mode == SigningMode.CERTIFICATE) ? null
                : signingKey(VerificationKey.PUBLIC_KEY_ID_PREFIX + RandomIds.digits(28), TestMerchant.rsaKeyPair(),
                        null);
        if (mode != SigningMode.PUBLIC_KEY) {
            Instant now = clock.instant();
            rotate(now.minus(BACKDATE), now.plus(VALIDITY));
        }
    }

    SigningMode mode() {
        return this.mode;
    }

    /** The key that signs a response to a request whose {@code Wechatpay-Serial} header is given. */
    SigningKey keyFor(@Nullable String requestedSerial) {
        if (this.mode == SigningMode.MIXED && requestedSerial != null && !requestedSerial.isBlank()) {
            String wanted = requestedSerial.trim().toUpperCase(Locale.ROOT);
            if (this.publicKey != null && this.publicKey.id().toUpperCase(Locale.ROOT).equals(wanted)) {
                return this.publicKey;
            }
            for (SigningKey certificate : this.certificates.get()) {
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
        List<SigningKey> all = this.certificates.get();
        if (all.isEmpty()) {
            throw new IllegalStateException("The simulator runs in PUBLIC_KEY mode and has no platform certificate: "
                    + "use platformPublicKey(), or build it with SigningMode.CERTIFICATE or MIXED");
        }
        return all.get(all.size() - 1);
    }

    /** What {@code GET /v3/certificates} lists: the current certificate, then the earlier ones still valid now. */
    List<SigningKey> listedCertificates() {
        List<SigningKey> all = this.certificates.get();
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
        List<SigningKey> next = new ArrayList<>(this.certificates.get());
        next.add(key);
        this.certificates.set(List.copyOf(next));
        return certificate;
    }

    /** Every key a client may meet: the public key and all certificates ever made (expired ones included). */
    VerificationKeys verificationKeys() {
        List<VerificationKey> keys = new ArrayList<>();
        if (this.publicKey != null) {
            keys.add(VerificationKey.publicKey(this.publicKey.id(), this.publicKey.publicKey(), null));
        }
        for (SigningKey certificate : this.certificates.get()) {
            keys.add(VerificationKey.certificate(Objects.requireNonNull(certificate.certificate()), null));
        }
        return new VerificationKeys(keys);
    }

    private SigningKey signingKey(String id, KeyPair keyPair, @Nullable X509Certificate certificate) {
        RequestSigner signer = new RequestSigner(SIGNER_MCH_ID, id, keyPair.getPrivate(), this.clock, null);
        return new SigningKey(id, keyPair.getPublic(), signer, certificate);
    }
}
