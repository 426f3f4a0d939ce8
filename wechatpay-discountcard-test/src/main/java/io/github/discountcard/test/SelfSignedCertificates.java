package io.github.discountcard.test;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes self-signed X.509 platform certificates with BouncyCastle's builders on the JDK's own providers: no
 * provider is ever installed ({@code Security.addProvider} changes the whole JVM).
 */
final class SelfSignedCertificates {

    private static final X500Name SUBJECT = new X500Name(
            "CN=WeChat Pay Simulator Platform Certificate, OU=discountcard-test, O=Tenpay.com (simulated), C=CN");

    private SelfSignedCertificates() {
    }

    /** A random positive serial of 40 upper-case hex digits (160 bits, 20 DER octets), like WeChat's. */
    static BigInteger newSerial() {
        // first digit 1-7: positive in 20 DER octets and always 40 digits when printed
        return new BigInteger(RandomIds.random().nextInt(1, 8) + RandomIds.upperHex(39), 16);
    }

    static X509Certificate create(KeyPair keyPair, BigInteger serial, Instant notBefore, Instant notAfter) {
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter " + notAfter + " must be after notBefore " + notBefore);
        }
        try {
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate());
            X509CertificateHolder holder = new JcaX509v3CertificateBuilder(SUBJECT, serial, Date.from(notBefore),
                    Date.from(notAfter), SUBJECT, keyPair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                .build(signer);
            return new JcaX509CertificateConverter().getCertificate(holder);
        }
        catch (OperatorCreationException | CertIOException | CertificateException ex) {
            throw new IllegalStateException("Creating a self-signed platform certificate failed", ex);
        }
    }
}
