package io.github.discountcard.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.KeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads RSA key material from PEM text: private keys (PKCS#8 {@code PRIVATE KEY} and PKCS#1
 * {@code RSA PRIVATE KEY}), public keys ({@code PUBLIC KEY}) and X.509 certificates.
 * <p>
 * Only RSA keys of at least {@value #MIN_RSA_BITS} bits are accepted: that is what WeChat Pay issues and
 * what WECHATPAY2-SHA256-RSA2048 means. Errors say what was wrong and never echo the key.
 */
public final class PemKeys {

    /** The shortest RSA modulus accepted, in bits. */
    public static final int MIN_RSA_BITS = 2048;

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    /** DER of AlgorithmIdentifier { rsaEncryption, NULL }, used to wrap PKCS#1 keys in PKCS#8. */
    private static final byte[] RSA_ALGORITHM_IDENTIFIER = {
            0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00 };

    private PemKeys() {
    }

    /** Reads an RSA private key from a PKCS#8 or PKCS#1 PEM block. */
    public static PrivateKey privateKey(String pem) {
        PemBlock block = single(pem, "private key");
        byte[] pkcs8 = switch (block.type()) {
            case "PRIVATE KEY" -> block.der();
            case "RSA PRIVATE KEY" -> wrapPkcs1(block.der());
            case "ENCRYPTED PRIVATE KEY" -> throw new KeyMaterialException(
                    "The private key is encrypted (ENCRYPTED PRIVATE KEY); provide the unencrypted PKCS#8 "
                            + "PEM (apiclient_key.pem) instead");
            case "EC PRIVATE KEY" -> throw notRsa("private key", "EC");
            default -> throw new KeyMaterialException("Expected a PEM block 'PRIVATE KEY' or 'RSA PRIVATE KEY' "
                    + "for the private key but found '" + block.type() + "'");
        };
        return checkRsa("private key", generate(new PKCS8EncodedKeySpec(pkcs8), "private key", true));
    }

    /** Reads an RSA public key from a {@code PUBLIC KEY} PEM block (the WeChat Pay public key). */
    public static PublicKey publicKey(String pem) {
        PemBlock block = single(pem, "public key");
        if (!block.type().equals("PUBLIC KEY")) {
            throw new KeyMaterialException("Expected a PEM block 'PUBLIC KEY' for the public key but found '"
                    + block.type() + "'");
        }
        return checkRsa("public key", generate(new X509EncodedKeySpec(block.der()), "public key", false));
    }

    /** Reads the first X.509 certificate of a PEM text and checks that its key is RSA-2048 or longer. */
    public static X509Certificate certificate(String pem) {
        List<X509Certificate> all = certificates(pem);
        return all.get(0);
    }

    /** Reads every X.509 certificate of a PEM text (at least one). */
    public static List<X509Certificate> certificates(String pem) {
        List<PemBlock> blocks = blocks(pem, "certificate");
        List<X509Certificate> certificates = new ArrayList<>();
        for (PemBlock block : blocks) {
            if (!block.type().equals("CERTIFICATE")) {
                continue;
            }
            try {
                CertificateFactory factory = CertificateFactory.getInstance("X.509");
                X509Certificate certificate = (X509Certificate) factory
                        .generateCertificate(new ByteArrayInputStream(block.der()));
                checkRsa("certificate " + serialNumber(certificate), certificate.getPublicKey());
                certificates.add(certificate);
            }
            catch (CertificateException ex) {
                throw new KeyMaterialException("The certificate PEM block is not a readable X.509 certificate ("
                        + ex.getClass().getSimpleName() + ")");
            }
        }
        if (certificates.isEmpty()) {
            throw new KeyMaterialException("Expected a PEM block 'CERTIFICATE' but found none");
        }
        return List.copyOf(certificates);
    }

    /** The certificate's serial number as WeChat Pay writes it: upper-case hex. */
    public static String serialNumber(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
    }

    /** Whether the text holds at least one PEM block (as opposed to, say, a resource location). */
    public static boolean looksLikePem(String text) {
        return text.contains("-----BEGIN ");
    }

    private static PemBlock single(String pem, String what) {
        return blocks(pem, what).get(0);
    }

    private static List<PemBlock> blocks(String pem, String what) {
        if (pem == null || pem.isBlank()) {
            throw new KeyMaterialException("The " + what + " is empty: expected PEM text");
        }
        Matcher matcher = BLOCK.matcher(pem);
        List<PemBlock> blocks = new ArrayList<>();
        while (matcher.find()) {
            String base64 = matcher.group(2).replaceAll("\\s", "");
            try {
                blocks.add(new PemBlock(matcher.group(1), Base64.getDecoder().decode(base64)));
            }
            catch (IllegalArgumentException ex) {
                throw new KeyMaterialException("The " + what + " PEM block '" + matcher.group(1)
                        + "' is not valid Base64");
            }
        }
        if (blocks.isEmpty()) {
            throw new KeyMaterialException("The " + what + " is not PEM: expected a '-----BEGIN ...-----' / "
                    + "'-----END ...-----' block");
        }
        return blocks;
    }

    private static Key generate(KeySpec spec, String what, boolean isPrivate) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            return isPrivate ? rsa.generatePrivate(spec) : rsa.generatePublic(spec);
        }
        catch (InvalidKeySpecException ex) {
            throw otherAlgorithm(spec, what, isPrivate);
        }
        catch (GeneralSecurityException ex) {
            throw new KeyMaterialException("RSA is not available on this JVM", ex);
        }
    }

    /** Names the algorithm of a readable non-RSA key, so the error tells the user what they gave us. */
    private static KeyMaterialException otherAlgorithm(KeySpec spec, String what, boolean isPrivate) {
        for (String algorithm : new String[] { "EC", "Ed25519", "Ed448", "DSA", "X25519" }) {
            try {
                KeyFactory factory = KeyFactory.getInstance(algorithm);
                Key key = isPrivate ? factory.generatePrivate(spec) : factory.generatePublic(spec);
                return notRsa(what, key.getAlgorithm());
            }
            catch (GeneralSecurityException | RuntimeException ignored) {
                // not this one either
            }
        }
        return new KeyMaterialException("The " + what + " PEM block does not hold a readable RSA key");
    }

    private static KeyMaterialException notRsa(String what, String algorithm) {
        return new KeyMaterialException("The " + what + " is an " + algorithm
                + " key; WeChat Pay APIv3 needs an RSA key of at least " + MIN_RSA_BITS + " bits");
    }

    @SuppressWarnings("unchecked")
    private static <K extends Key> K checkRsa(String what, Key key) {
        if (!(key instanceof RSAKey rsa)) {
            throw notRsa(what, key.getAlgorithm());
        }
        int bits = rsa.getModulus().bitLength();
        if (bits < MIN_RSA_BITS) {
            throw new KeyMaterialException("The " + what + " is RSA-" + bits + "; WeChat Pay APIv3 needs at least RSA-"
                    + MIN_RSA_BITS);
        }
        return (K) key;
    }

    /** PKCS#8 PrivateKeyInfo { version 0, rsaEncryption, OCTET STRING pkcs1 }. */
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(pkcs1.length + 32);
        body.writeBytes(new byte[] { 0x02, 0x01, 0x00 });
        body.writeBytes(RSA_ALGORITHM_IDENTIFIER);
        body.write(0x04);
        writeLength(body, pkcs1.length);
        body.writeBytes(pkcs1);
        ByteArrayOutputStream sequence = new ByteArrayOutputStream(body.size() + 4);
        sequence.write(0x30);
        writeLength(sequence, body.size());
        sequence.writeBytes(body.toByteArray());
        return sequence.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
        }
        else if (length <= 0xff) {
            out.write(0x81);
            out.write(length);
        }
        else if (length <= 0xffff) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xff);
        }
        else {
            out.write(0x83);
            out.write(length >> 16);
            out.write((length >> 8) & 0xff);
            out.write(length & 0xff);
        }
    }

    private record PemBlock(String type, byte[] der) {
    }
}
