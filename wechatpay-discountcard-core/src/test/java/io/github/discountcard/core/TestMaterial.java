package io.github.discountcard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Test material shared by the core tests: the spec vectors (copied byte-exact into {@code vectors/} on the
 * test classpath), generated key pairs, PEM/DER helpers and a few assertions. Real keys and real crypto only.
 */
final class TestMaterial {

    static final String PLATFORM_SERIAL = "5F3A9C01D2E4B6A8";

    static final String PLATFORM_PUBLIC_KEY_ID = "PUB_KEY_ID_0114232134912410000000000000";

    /** notBefore of the vector platform certificate. */
    static final Instant CERT_NOT_BEFORE = Instant.parse("2026-11-27T13:47:20Z");

    /** notAfter of the vector platform certificate. */
    static final Instant CERT_NOT_AFTER = Instant.parse("2046-11-22T13:47:20Z");

    private static final Map<Integer, KeyPair> RSA_KEY_PAIRS = new HashMap<>();

    private TestMaterial() {
    }

    // ---------------------------------------------------------------- classpath resources

    static byte[] bytes(String resource) {
        try (InputStream in = TestMaterial.class.getResourceAsStream("/" + resource)) {
            assertThat(in).as("test resource %s", resource).isNotNull();
            return in.readAllBytes();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static String text(String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8);
    }

    static byte[] vector(String name) {
        return bytes("vectors/" + name);
    }

    static String vectorText(String name) {
        return text("vectors/" + name);
    }

    /** A Base64 vector file's content, without a trailing line end if there is one. */
    static String vectorBase64(String name) {
        return vectorText(name).strip();
    }

    static PrivateKey merchantPrivateKey() {
        return PemKeys.privateKey(vectorText("merchant-test-private-key.pem"));
    }

    static PublicKey merchantPublicKey() {
        return PemKeys.publicKey(vectorText("merchant-test-public-key.pem"));
    }

    static PrivateKey platformPrivateKey() {
        return PemKeys.privateKey(vectorText("platform-test-private-key.pem"));
    }

    static PublicKey platformPublicKey() {
        return PemKeys.publicKey(vectorText("platform-test-public-key.pem"));
    }

    static X509Certificate platformCertificate() {
        return PemKeys.certificate(vectorText("platform-test-certificate.pem"));
    }

    /**
     * Splits a signed message {@code L1\nL2\n...\nLn\n} into its lines, as raw bytes (the body line must
     * keep its exact bytes). The body itself contains no line end in the vectors.
     */
    static byte[][] lines(byte[] message) {
        assertThat(message[message.length - 1]).as("a signed message ends with \\n").isEqualTo((byte) '\n');
        java.util.List<byte[]> lines = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 0; i < message.length; i++) {
            if (message[i] == '\n') {
                lines.add(Arrays.copyOfRange(message, start, i));
                start = i + 1;
            }
        }
        return lines.toArray(new byte[0][]);
    }

    static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    // ---------------------------------------------------------------- keys

    /** An RSA key pair of the given size, generated once per JVM and size. */
    static synchronized KeyPair rsa(int bits) {
        return RSA_KEY_PAIRS.computeIfAbsent(bits, (size) -> generate("RSA", size));
    }

    static KeyPair generate(String algorithm, int size) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (size > 0) {
                generator.initialize(size);
            }
            return generator.generateKeyPair();
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static String pem(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }

    static String pkcs8Pem(PrivateKey key) {
        assertThat(key.getFormat()).isEqualTo("PKCS#8");
        return pem("PRIVATE KEY", key.getEncoded());
    }

    static String publicPem(PublicKey key) {
        assertThat(key.getFormat()).isEqualTo("X.509");
        return pem("PUBLIC KEY", key.getEncoded());
    }

    /** The PKCS#1 {@code RSAPrivateKey} of an RSA key: the inner OCTET STRING of its PKCS#8 encoding. */
    static String pkcs1Pem(PrivateKey key) {
        assertThat(key).isInstanceOf(RSAPrivateCrtKey.class);
        return pem("RSA PRIVATE KEY", innerPrivateKey(key.getEncoded()));
    }

    /**
     * The {@code privateKey} OCTET STRING of a PKCS#8 {@code PrivateKeyInfo}
     * ({@code SEQUENCE { INTEGER version, SEQUENCE algorithm, OCTET STRING privateKey, ... }}): PKCS#1 for RSA,
     * SEC 1 {@code ECPrivateKey} for EC.
     */
    static byte[] innerPrivateKey(byte[] pkcs8) {
        Der outer = new Der(pkcs8, 0);
        assertThat(outer.tag).isEqualTo(0x30);
        Der version = new Der(pkcs8, outer.contentStart);
        assertThat(version.tag).isEqualTo(0x02);
        Der algorithm = new Der(pkcs8, version.end());
        assertThat(algorithm.tag).isEqualTo(0x30);
        Der privateKey = new Der(pkcs8, algorithm.end());
        assertThat(privateKey.tag).isEqualTo(0x04);
        return Arrays.copyOfRange(pkcs8, privateKey.contentStart, privateKey.end());
    }

    /** One DER TLV header. */
    private static final class Der {

        final int tag;

        final int contentStart;

        final int length;

        Der(byte[] der, int offset) {
            this.tag = der[offset] & 0xff;
            int first = der[offset + 1] & 0xff;
            if (first < 0x80) {
                this.length = first;
                this.contentStart = offset + 2;
            }
            else {
                int count = first & 0x7f;
                int value = 0;
                for (int i = 0; i < count; i++) {
                    value = (value << 8) | (der[offset + 2 + i] & 0xff);
                }
                this.length = value;
                this.contentStart = offset + 2 + count;
            }
        }

        int end() {
            return this.contentStart + this.length;
        }
    }

    // ---------------------------------------------------------------- signatures

    static String sign(PrivateKey key, byte[] message) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(message);
            return Base64.getEncoder().encodeToString(signature.sign());
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static String sign(PrivateKey key, String message) {
        return sign(key, message.getBytes(StandardCharsets.UTF_8));
    }

    /** Verifies with a fresh JDK {@link Signature}, independent of the code under test. */
    static boolean verifies(PublicKey key, byte[] message, String signatureBase64) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            signature.update(message);
            return signature.verify(Base64.getDecoder().decode(signatureBase64));
        }
        catch (GeneralSecurityException ex) {
            return false;
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- assertions

    /**
     * Asserts that a text (an exception message, a {@code toString}) shows none of the Base64 of a PEM: no
     * 16-character run of it, whatever the line breaks. Walks the exception's causes too.
     */
    static void assertNoKeyText(Throwable thrown, String pem) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertNoKeyText(String.valueOf(t.getMessage()), pem);
            assertNoKeyText(t.toString(), pem);
        }
    }

    static void assertNoKeyText(String text, String pem) {
        String base64 = pem.replaceAll("-----[A-Z0-9 ]+-----", "").replaceAll("\\s", "");
        assertThat(base64).hasSizeGreaterThan(32);
        for (int i = 0; i + 16 <= base64.length(); i++) {
            String window = base64.substring(i, i + 16);
            if (text.contains(window)) {
                throw new AssertionError("The text shows key material '" + window + "': " + text);
            }
        }
    }

    // ---------------------------------------------------------------- clocks

    static Clock fixedClock(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    static Clock fixedClock(long epochSecond) {
        return fixedClock(Instant.ofEpochSecond(epochSecond));
    }

    /** A real clock whose time the test sets (not a mock: it is a plain {@link Clock}). */
    static final class SettableClock extends Clock {

        private final AtomicReference<Instant> now;

        SettableClock(Instant now) {
            this.now = new AtomicReference<>(now);
        }

        void set(Instant instant) {
            this.now.set(instant);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return this.now.get();
        }
    }
}
