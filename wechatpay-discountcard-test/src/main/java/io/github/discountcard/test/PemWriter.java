package io.github.discountcard.test;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * Renders keys and certificates as PEM text that {@link io.github.discountcard.core.PemKeys} (and OpenSSL) read:
 * {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo), {@code PRIVATE KEY} (PKCS#8) and {@code CERTIFICATE}.
 */
public final class PemWriter {

    private static final Base64.Encoder ENCODER = Base64.getMimeEncoder(64, new byte[] { '\n' });

    private PemWriter() {
    }

    public static String publicKey(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    /** PKCS#8 {@code PRIVATE KEY}: key material in clear text, for tests only. */
    public static String privateKey(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    public static String certificate(X509Certificate certificate) {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        }
        catch (CertificateEncodingException ex) {
            throw new IllegalArgumentException("The certificate cannot be DER-encoded", ex);
        }
    }

    /** Several certificates, one PEM block each, in order. */
    public static String certificates(List<X509Certificate> certificates) {
        StringBuilder pem = new StringBuilder();
        certificates.forEach((certificate) -> pem.append(certificate(certificate)));
        return pem.toString();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + new String(ENCODER.encode(der), StandardCharsets.US_ASCII)
                + "\n-----END " + type + "-----\n";
    }
}
