package io.github.discountcard.core;

import static io.github.discountcard.core.TestMaterial.utf8;
import static io.github.discountcard.core.TestMaterial.vector;
import static io.github.discountcard.core.TestMaterial.vectorBase64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/**
 * The provider choice, and the proof that it never changes the wire: the Amazon Corretto Crypto Provider (a
 * test-scoped dependency here) signs byte for byte what the JDK signs, and each verifies the other.
 */
class CryptoProvidersTests {

    private static final String MCH_ID = "1900000001";

    private static final String MERCHANT_SERIAL = "3775B6A45ACD588826D15E583A95F5DD24C53BA1";

    private static final Instant NOW = Instant.parse("2030-05-20T05:29:35Z");

    private final PrivateKey merchantKey = TestMaterial.merchantPrivateKey();

    private final PublicKey merchantPublicKey = TestMaterial.merchantPublicKey();

    // ---------------------------------------------------------------- choice logic (no class loading)

    private static final Provider FAKE_ACCP = new Provider("FakeAccp", "1.0", "stands in for ACCP") {
        private static final long serialVersionUID = 1L;
    };

    private static Supplier<CryptoProviders.Availability> accpAvailable() {
        return () -> new CryptoProviders.Availability(FAKE_ACCP, "available", null);
    }

    private static Supplier<CryptoProviders.Availability> accpAbsent() {
        return () -> CryptoProviders.Availability.unavailable("it is not on the classpath", null);
    }

    @Test
    void autoPicksAccpWhenItIsAvailable() {
        assertThat(CryptoProviders.resolve("auto", accpAvailable(), Security::getProvider)).isSameAs(FAKE_ACCP);
        assertThat(CryptoProviders.resolve(" AUTO ", accpAvailable(), Security::getProvider)).isSameAs(FAKE_ACCP);
    }

    @Test
    void autoFallsBackToTheJdkQuietlyWhenAccpIsAbsentOrUnhealthy() {
        assertThat(CryptoProviders.resolve("auto", accpAbsent(), Security::getProvider)).isNull();
        Supplier<CryptoProviders.Availability> unhealthy = () -> CryptoProviders.Availability
            .unavailable("its native library did not load on this platform (UnsatisfiedLinkError)",
                    new UnsatisfiedLinkError("no libamazonCorrettoCryptoProvider"));
        assertThat(CryptoProviders.resolve("auto", unhealthy, Security::getProvider)).isNull();
    }

    @Test
    void blankOrMissingChoiceMeansAuto() {
        assertThat(CryptoProviders.resolve(null, accpAvailable(), Security::getProvider)).isSameAs(FAKE_ACCP);
        assertThat(CryptoProviders.resolve("  ", accpAbsent(), Security::getProvider)).isNull();
    }

    @Test
    void jdkNeverLooksForAccp() {
        AtomicInteger probes = new AtomicInteger();
        Supplier<CryptoProviders.Availability> counting = () -> {
            probes.incrementAndGet();
            return accpAvailable().get();
        };

        assertThat(CryptoProviders.resolve("jdk", counting, Security::getProvider)).isNull();
        assertThat(CryptoProviders.resolve("JDK", counting, Security::getProvider)).isNull();
        assertThat(probes).hasValue(0);
    }

    @Test
    void accpRequiredButAbsentFailsWithTheReasonAndTheFix() {
        assertThatThrownBy(() -> CryptoProviders.resolve("accp", accpAbsent(), Security::getProvider))
            .isInstanceOf(CryptoException.class)
            .hasMessageContaining("'accp'")
            .hasMessageContaining("not on the classpath")
            .hasMessageContaining("software.amazon.cryptools:AmazonCorrettoCryptoProvider")
            .hasMessageContaining("'auto' or 'jdk'");
    }

    @Test
    void accpRequiredAndAvailableIsReturned() {
        assertThat(CryptoProviders.resolve("ACCP", accpAvailable(), Security::getProvider)).isSameAs(FAKE_ACCP);
    }

    @Test
    void anInstalledProviderIsFoundByName() {
        assertThat(CryptoProviders.resolve("SunRsaSign")).isSameAs(Security.getProvider("SunRsaSign"));
    }

    @Test
    void anUnknownProviderNameFailsListingTheInstalledOnes() {
        assertThatThrownBy(() -> CryptoProviders.resolve("NoSuchProvider"))
            .isInstanceOf(CryptoException.class)
            .hasMessageContaining("'NoSuchProvider'")
            .hasMessageContaining("SunRsaSign");
    }

    @Test
    void aProviderWithoutSha256WithRsaIsRefused() {
        // SunJCE is installed in every JDK and offers ciphers and MACs but no RSA signatures
        assertThatThrownBy(() -> CryptoProviders.resolve("SunJCE"))
            .isInstanceOf(CryptoException.class)
            .hasMessageContaining("no SHA256withRSA");
    }

    @Test
    void resolvingNeverInstallsAProvider() {
        List<String> before = Arrays.stream(Security.getProviders()).map(Provider::getName).toList();

        CryptoProviders.resolve("auto");
        CryptoProviders.resolve("jdk");

        assertThat(Arrays.stream(Security.getProviders()).map(Provider::getName).toList()).isEqualTo(before);
    }

    // ---------------------------------------------------------------- class loading (ACCP absent)

    @Test
    void probeReportsAbsenceWhenTheClassCannotBeLoaded() throws Exception {
        // a class loader that sees only the JDK: ACCP's class is not there
        try (URLClassLoader jdkOnly = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            CryptoProviders.Availability availability = CryptoProviders.probeAccp(jdkOnly);

            assertThat(availability.provider()).isNull();
            assertThat(availability.reason()).isEqualTo("it is not on the classpath");
        }
    }

    @Test
    void describeNamesTheJdkProviderWhenNoneIsChosen() {
        assertThat(CryptoProviders.describe(null)).startsWith("the JDK's default providers")
            .contains("SHA256withRSA from SunRsaSign");
        assertThat(CryptoProviders.describe(Security.getProvider("SunRsaSign"))).startsWith("SunRsaSign ");
    }

    // ---------------------------------------------------------------- ACCP itself (test-scoped dependency)

    private static Provider accp() {
        assumeTrue(CryptoProviders.accpAvailable(), () -> "ACCP cannot run here: "
                + CryptoProviders.accpUnavailableReason());
        return CryptoProviders.resolve("accp");
    }

    @Test
    void autoPicksAccpWhenItIsOnTheClasspathAndHealthy() {
        Provider accp = accp();

        assertThat(CryptoProviders.resolve("auto")).isSameAs(accp);
        assertThat(accp.getClass().getName()).isEqualTo(CryptoProviders.ACCP_CLASS);
        assertThat(CryptoProviders.accpUnavailableReason()).isNull();
        assertThat(CryptoProviders.describe(accp)).startsWith("Amazon Corretto Crypto Provider 2.")
            .contains("AWS-LC");
    }

    @Test
    void accpSignsTheSpecVectorByteForByte() {
        Provider accp = accp();
        RequestSigner signer = new RequestSigner(MCH_ID, MERCHANT_SERIAL, this.merchantKey,
                TestMaterial.fixedClock(NOW), accp);

        assertThat(signer.signMessage(vector("request-sign-message.txt")))
            .isEqualTo(vectorBase64("request-signature.b64"));
        byte[][] lines = TestMaterial.lines(vector("request-sign-message.txt"));
        assertThat(signer.sign(TestMaterial.ascii(lines[0]), TestMaterial.ascii(lines[1]),
                Long.parseLong(TestMaterial.ascii(lines[2])), TestMaterial.ascii(lines[3]), lines[4]))
            .isEqualTo(vectorBase64("request-signature.b64"));
    }

    @Test
    void accpAndJdkSignaturesAreIdenticalForRandomMessagesAndKeys() throws Exception {
        Provider accp = accp();
        Random random = new Random(20301);
        List<PrivateKey> keys = List.of(this.merchantKey, TestMaterial.rsa(2048).getPrivate(),
                TestMaterial.rsa(3072).getPrivate());
        for (PrivateKey key : keys) {
            RequestSigner jdk = new RequestSigner(MCH_ID, MERCHANT_SERIAL, key, TestMaterial.fixedClock(NOW), null);
            RequestSigner fast = new RequestSigner(MCH_ID, MERCHANT_SERIAL, key, TestMaterial.fixedClock(NOW), accp);
            for (int i = 0; i < 60; i++) {
                byte[] message = new byte[random.nextInt(5000)];
                random.nextBytes(message);

                String expected = jdk.signMessage(message);
                assertThat(fast.signMessage(message)).as("message %d", i).isEqualTo(expected);
                // and against a plain JDK Signature, independent of the code under test
                assertThat(expected).isEqualTo(TestMaterial.sign(key, message));
            }
        }
    }

    @Test
    void bufferBodiesSignLikeArrayBodiesWithEitherProvider() {
        Provider accp = accp();
        byte[] body = utf8("{\"objectives\":[{\"objective_serial_no\":\"578354545\",\"remark\":\"特价商品\"}]}");
        for (Provider provider : new Provider[] { null, accp }) {
            RequestSigner signer = new RequestSigner(MCH_ID, MERCHANT_SERIAL, this.merchantKey,
                    TestMaterial.fixedClock(NOW), provider);
            String target = "/v3/discount-card/orders/abc";
            String header = signer.authorization("PATCH", target, ByteBuffer.wrap(body, 0, 20).slice(),
                    ByteBuffer.allocateDirect(body.length - 20).put(body, 20, body.length - 20).flip(),
                    ByteBuffer.allocate(0));
            String nonce = field(header, "nonce_str");
            String timestamp = field(header, "timestamp");

            byte[] message = TestMaterial.concat(utf8("PATCH\n" + target + "\n" + timestamp + "\n" + nonce + "\n"),
                    body, utf8("\n"));
            assertThat(TestMaterial.verifies(this.merchantPublicKey, message, field(header, "signature"))).isTrue();
            assertThat(signer.sign("PATCH", target, Long.parseLong(timestamp), nonce, body))
                .isEqualTo(field(header, "signature"));
        }
    }

    @Test
    void bufferPositionsAreLeftAlone() {
        RequestSigner signer = new RequestSigner(MCH_ID, MERCHANT_SERIAL, this.merchantKey);
        ByteBuffer body = ByteBuffer.wrap(utf8("{\"a\":1}"));

        signer.authorization("PATCH", "/v3/x", body);

        assertThat(body.position()).isZero();
        assertThat(body.remaining()).isEqualTo(7);
    }

    @Test
    void accpVerifiesJdkSignaturesAndTheJdkVerifiesAccpSignatures() throws Exception {
        Provider accp = accp();
        Random random = new Random(7);
        KeyPair pair = TestMaterial.rsa(2048);
        for (int i = 0; i < 30; i++) {
            byte[] message = new byte[random.nextInt(3000)];
            random.nextBytes(message);

            byte[] byJdk = sign(pair.getPrivate(), null, message);
            byte[] byAccp = sign(pair.getPrivate(), accp, message);

            assertThat(byAccp).isEqualTo(byJdk);
            assertThat(verify(pair.getPublic(), accp, message, byJdk)).isTrue();
            assertThat(verify(pair.getPublic(), null, message, byAccp)).isTrue();
            byte[] tampered = message.clone();
            if (tampered.length > 0) {
                tampered[random.nextInt(tampered.length)] ^= 1;
                assertThat(verify(pair.getPublic(), accp, tampered, byJdk)).isFalse();
            }
        }
    }

    @Test
    void responseVerifierOnAccpAcceptsTheSpecVectorAndRejectsTampering() {
        Provider accp = accp();
        VerificationKeys keys = new VerificationKeys(List.of(
                VerificationKey.publicKey(TestMaterial.PLATFORM_PUBLIC_KEY_ID, TestMaterial.platformPublicKey(), accp)));
        byte[][] lines = TestMaterial.lines(vector("response-sign-message.txt"));
        String timestamp = TestMaterial.ascii(lines[0]);
        String nonce = TestMaterial.ascii(lines[1]);
        ResponseVerifier verifier = new ResponseVerifier(keys,
                TestMaterial.fixedClock(Long.parseLong(timestamp)), Duration.ofMinutes(5));
        ResponseSignature headers = new ResponseSignature(TestMaterial.PLATFORM_PUBLIC_KEY_ID, timestamp, nonce,
                vectorBase64("response-signature.b64"));

        assertThat(verifier.verify(headers, lines[2]).id()).isEqualTo(TestMaterial.PLATFORM_PUBLIC_KEY_ID);
        byte[] tampered = lines[2].clone();
        tampered[tampered.length / 2] ^= 1;
        assertThatThrownBy(() -> verifier.verify(headers, tampered)).isInstanceOf(SignatureVerificationException.class);
    }

    @Test
    void responseVerifierOnAccpFailsClosedOnMalformedSignatures() {
        Provider accp = accp();
        VerificationKeys keys = new VerificationKeys(List.of(
                VerificationKey.publicKey(TestMaterial.PLATFORM_PUBLIC_KEY_ID, TestMaterial.platformPublicKey(), accp)));
        byte[][] lines = TestMaterial.lines(vector("response-sign-message.txt"));
        String timestamp = TestMaterial.ascii(lines[0]);
        ResponseVerifier verifier = new ResponseVerifier(keys,
                TestMaterial.fixedClock(Long.parseLong(timestamp)), Duration.ofMinutes(5));
        String valid = vectorBase64("response-signature.b64");
        byte[] oversized = new byte[512];
        oversized[0] = 1;
        for (String signature : new String[] { "AAAA", java.util.Base64.getEncoder().encodeToString(new byte[256]),
                java.util.Base64.getEncoder().encodeToString(oversized), valid.substring(4) + "AAAA" }) {
            ResponseSignature headers = new ResponseSignature(TestMaterial.PLATFORM_PUBLIC_KEY_ID, timestamp,
                    TestMaterial.ascii(lines[1]), signature);

            assertThatThrownBy(() -> verifier.verify(headers, lines[2])).as(signature)
                .isInstanceOfSatisfying(SignatureVerificationException.class,
                        (ex) -> assertThat(ex.reason()).isEqualTo(VerificationFailure.BAD_SIGNATURE));
        }
        // and the pool still verifies afterwards
        assertThat(verifier.verify(new ResponseSignature(TestMaterial.PLATFORM_PUBLIC_KEY_ID, timestamp,
                TestMaterial.ascii(lines[1]), valid), lines[2]).id()).isEqualTo(TestMaterial.PLATFORM_PUBLIC_KEY_ID);
    }

    @Test
    void keysAreTranslatedToTheProvidersOwnTypeOnceAtConstruction() {
        Provider accp = accp();

        PrivateKey translated = SignaturePool.translate(this.merchantKey, accp);
        PublicKey translatedPublic = SignaturePool.translate(this.merchantPublicKey, accp);

        assertThat(translated.getClass().getName()).startsWith("com.amazon.corretto.crypto.provider.");
        assertThat(translatedPublic.getClass().getName()).startsWith("com.amazon.corretto.crypto.provider.");
        assertThat(translated.getEncoded()).isEqualTo(this.merchantKey.getEncoded());
        assertThat(SignaturePool.translate(this.merchantKey, null)).isSameAs(this.merchantKey);
        // a provider without an RSA KeyFactory keeps the key as given
        assertThat(SignaturePool.translate(this.merchantKey, Security.getProvider("SunJCE"))).isSameAs(this.merchantKey);
    }

    @Test
    void concurrentAccpSigningMatchesTheVectorEveryTime() throws Exception {
        Provider accp = accp();
        RequestSigner signer = new RequestSigner(MCH_ID, MERCHANT_SERIAL, this.merchantKey,
                TestMaterial.fixedClock(NOW), accp);
        byte[] message = vector("request-sign-message.txt");
        String expected = vectorBase64("request-signature.b64");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<String>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 400; i++) {
                futures.add(pool.submit(() -> signer.signMessage(message)));
            }
            for (java.util.concurrent.Future<String> future : futures) {
                assertThat(future.get(1, java.util.concurrent.TimeUnit.MINUTES)).isEqualTo(expected);
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    private static byte[] sign(PrivateKey key, Provider provider, byte[] message) throws Exception {
        Signature signature = (provider != null) ? Signature.getInstance("SHA256withRSA", provider)
                : Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(message);
        return signature.sign();
    }

    private static boolean verify(PublicKey key, Provider provider, byte[] message, byte[] signatureBytes)
            throws Exception {
        Signature signature = (provider != null) ? Signature.getInstance("SHA256withRSA", provider)
                : Signature.getInstance("SHA256withRSA");
        signature.initVerify(key);
        signature.update(message);
        return signature.verify(signatureBytes);
    }

    private static String field(String authorization, String name) {
        int start = authorization.indexOf(name + "=\"") + name.length() + 2;
        return authorization.substring(start, authorization.indexOf('"', start));
    }
}
