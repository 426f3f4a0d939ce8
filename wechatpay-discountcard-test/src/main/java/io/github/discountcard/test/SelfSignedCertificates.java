package io.github.discountcard.test;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
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

    /**
     * A self-signed TLS server certificate for the given host names and IP addresses (subject alternative names;
     * the first is also the common name).
     */
    static X509Certificate server(KeyPair keyPair, List<String> names, Instant notBefore, Instant notAfter) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("A server certificate needs at least one host name or address");
        }
        GeneralName[] alternativeNames = names.stream()
            .map((name) -> new GeneralName(isIpAddress(name) ? GeneralName.iPAddress : GeneralName.dNSName, name))
            .toArray(GeneralName[]::new);
        X500Name subject = new X500Name("CN=" + names.get(0).replaceAll("[,+=\"\\\\<>;#]", "_")
                + ", OU=discountcard-test, O=WeChat Pay simulator (self-signed)");
        try {
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate());
            X509CertificateHolder holder = new JcaX509v3CertificateBuilder(subject, newSerial(), Date.from(notBefore),
                    Date.from(notAfter), subject, keyPair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternativeNames))
                .build(signer);
            return new JcaX509CertificateConverter().getCertificate(holder);
        }
        catch (OperatorCreationException | CertIOException | CertificateException ex) {
            throw new IllegalStateException("Creating a self-signed TLS server certificate failed", ex);
        }
    }

    /** An IPv4 or IPv6 literal (never resolved: a host name stays a DNS name). */
    static boolean isIpAddress(String name) {
        return name.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (name.contains(":") && name.matches("[0-9A-Fa-f:.]+"));
    }
}
