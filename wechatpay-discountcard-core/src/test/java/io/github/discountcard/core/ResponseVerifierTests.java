package io.github.discountcard.core;

import static io.github.discountcard.core.TestMaterial.ascii;
import static io.github.discountcard.core.TestMaterial.concat;
import static io.github.discountcard.core.TestMaterial.fixedClock;
import static io.github.discountcard.core.TestMaterial.utf8;
import static io.github.discountcard.core.TestMaterial.vector;
import static io.github.discountcard.core.TestMaterial.vectorBase64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseVerifierTests {

    /** Inside the validity of the vector platform certificate (2026-11-27 .. 2046-11-22). */
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private static final long NOW_SECONDS = NOW.getEpochSecond();

    private static final String NONCE = "593BEC0C930BF1AFEB40B4A08C8FB242";

    private static final byte[] BODY = utf8(
            "{\"out_order_no\":\"233bcbf407e87789b8e471f251774f95\",\"order_id\":\"1234323JKHDFE1243252\"}");

    private final PrivateKey platformKey = TestMaterial.platformPrivateKey();

    private final X509Certificate certificate = TestMaterial.platformCertificate();

    private final VerificationKey certificateKey = VerificationKey.certificate(this.certificate, null);

    private final VerificationKey publicKey = VerificationKey.publicKey(TestMaterial.PLATFORM_PUBLIC_KEY_ID,
            TestMaterial.platformPublicKey(), null);

    private final VerificationKeys keys = new VerificationKeys(List.of(this.certificateKey, this.publicKey));

    private final ResponseVerifier verifier = new ResponseVerifier(this.keys, fixedClock(NOW),
            ResponseVerifier.DEFAULT_TIMESTAMP_WINDOW);

    /** Headers of a response signed by the platform key over {@code ts\nnonce\nbody\n}. */
    private ResponseSignature signed(String serial, long timestamp, String nonce, byte[] body) {
        return signed(this.platformKey, serial, Long.toString(timestamp), nonce, body);
    }

    private static ResponseSignature signed(PrivateKey key, String serial, String timestamp, String nonce,
            byte[] body) {
        String signature = TestMaterial.sign(key, concat(utf8(timestamp + "\n" + nonce + "\n"), body, utf8("\n")));
        return new ResponseSignature(serial, timestamp, nonce, signature);
    }

    private static VerificationFailure failure(ResponseVerifier verifier, ResponseSignature headers, byte[] body) {
        Throwable thrown = catchThrowable(() -> verifier.verify(headers, body));
        assertThat(thrown).as("verifying %s", headers).isExactlyInstanceOf(SignatureVerificationException.class);
        return ((SignatureVerificationException) thrown).reason();
    }

    private VerificationFailure failure(ResponseSignature headers, byte[] body) {
        return failure(this.verifier, headers, body);
    }

    // ---------------------------------------------------------------- known answers

    @Nested
    class Vector {

        private final byte[] message = vector("response-sign-message.txt");

        private final byte[][] lines = TestMaterial.lines(this.message);

        private final String timestamp = ascii(this.lines[0]);

        private final String nonce = ascii(this.lines[1]);

        private final byte[] body = this.lines[2];

        private final String signature = vectorBase64("response-signature.b64");

        @Test
        void messageIsTimestampNonceBody() {
            assertThat(this.lines.length).isEqualTo(3);
            assertThat(this.timestamp).isEqualTo("1700000001");
            assertThat(this.nonce).isEqualTo("RESPNONCE0123456789ABCDEFGHIJKL");
            assertThat(concat(utf8(this.timestamp + "\n" + this.nonce + "\n"), this.body, utf8("\n")))
                .isEqualTo(this.message);
        }

        @Test
        void verifiesWithThePlatformPublicKeyAtTheVectorTime() {
            ResponseVerifier verifier = new ResponseVerifier(
                    new VerificationKeys(List.of(ResponseVerifierTests.this.publicKey)), fixedClock(1700000001L),
                    ResponseVerifier.DEFAULT_TIMESTAMP_WINDOW);

            VerificationKey key = verifier.verify(
                    new ResponseSignature(TestMaterial.PLATFORM_PUBLIC_KEY_ID, this.timestamp, this.nonce,
                            this.signature),
                    this.body);

            assertThat(key.id()).isEqualTo(TestMaterial.PLATFORM_PUBLIC_KEY_ID);
            assertThat(key.kind()).isEqualTo(VerificationKey.Kind.PUBLIC_KEY);
        }

        @Test
        void verifiesWithThePlatformCertificateKeyDirectly() {
            assertThat(ResponseVerifierTests.this.certificateKey.id()).isEqualTo("5F3A9C01D2E4B6A8");
            assertThat(ResponseVerifierTests.this.certificateKey.verify(Base64.getDecoder().decode(this.signature),
                    this.message)).isTrue();
            assertThat(TestMaterial.verifies(ResponseVerifierTests.this.certificate.getPublicKey(), this.message,
                    this.signature)).isTrue();
        }

        /**
         * The vector's timestamp (2023-11-14) is three years before the vector certificate's notBefore
         * (2026-11-27T13:47:20Z): at the vector time the certificate is not yet valid and is refused.
         */
        @Test
        void certificateIsNotYetValidAtTheVectorTime() {
            ResponseVerifier verifier = new ResponseVerifier(
                    new VerificationKeys(List.of(ResponseVerifierTests.this.certificateKey)), fixedClock(1700000001L),
                    ResponseVerifier.DEFAULT_TIMESTAMP_WINDOW);

            assertThat(failure(verifier,
                    new ResponseSignature("5F3A9C01D2E4B6A8", this.timestamp, this.nonce, this.signature), this.body))
                .isEqualTo(VerificationFailure.KEY_EXPIRED);
        }

        /** Through the whole verifier with the certificate: a clock inside its validity and a window reaching back. */
        @Test
        void verifiesWithThePlatformCertificateThroughTheVerifier() {
            Instant now = TestMaterial.CERT_NOT_BEFORE.plus(Duration.ofDays(1));
            Duration window = Duration.between(Instant.ofEpochSecond(1700000001L), now).plusSeconds(1);
            ResponseVerifier verifier = new ResponseVerifier(
                    new VerificationKeys(List.of(ResponseVerifierTests.this.certificateKey)), fixedClock(now), window);

            VerificationKey key = verifier.verify(
                    new ResponseSignature("5F3A9C01D2E4B6A8", this.timestamp, this.nonce, this.signature), this.body);

            assertThat(key.id()).isEqualTo("5F3A9C01D2E4B6A8");
            assertThat(key.kind()).isEqualTo(VerificationKey.Kind.CERTIFICATE);
            // the lower-case serial names the same certificate
            assertThat(verifier.verify(
                    new ResponseSignature("5f3a9c01d2e4b6a8", this.timestamp, this.nonce, this.signature), this.body))
                .isSameAs(key);
        }

        @Test
        void vectorBodyChangedByOneByteFails() {
            ResponseVerifier verifier = new ResponseVerifier(
                    new VerificationKeys(List.of(ResponseVerifierTests.this.publicKey)), fixedClock(1700000001L),
                    ResponseVerifier.DEFAULT_TIMESTAMP_WINDOW);
            ResponseSignature headers = new ResponseSignature(TestMaterial.PLATFORM_PUBLIC_KEY_ID, this.timestamp,
                    this.nonce, this.signature);
            for (int i = 0; i < this.body.length; i++) {
                byte[] changed = this.body.clone();
                changed[i] ^= 0x01;
                assertThat(failure(verifier, headers, changed)).as("byte %d changed", i)
                    .isEqualTo(VerificationFailure.BAD_SIGNATURE);
            }
        }

        @Test
        void vectorTimestampIsTooOldForTheDefaultWindowToday() {
            ResponseVerifier verifier = new ResponseVerifier(
                    new VerificationKeys(List.of(ResponseVerifierTests.this.publicKey)), fixedClock(NOW),
                    ResponseVerifier.DEFAULT_TIMESTAMP_WINDOW);

            assertThat(failure(verifier, new ResponseSignature(TestMaterial.PLATFORM_PUBLIC_KEY_ID, this.timestamp,
                    this.nonce, this.signature), this.body)).isEqualTo(VerificationFailure.EXPIRED_TIMESTAMP);
        }
    }

    // ---------------------------------------------------------------- accepted

    @Test
    void verifiesAResponseSignedWithTheCertificateKey() {
        VerificationKey key = this.verifier.verify(signed("5F3A9C01D2E4B6A8", NOW_SECONDS, NONCE, BODY), BODY);

        assertThat(key).isSameAs(this.certificateKey);
    }

    @Test
    void verifiesAResponseNamingThePublicKeyId() {
        VerificationKey key = this.verifier.verify(signed(TestMaterial.PLATFORM_PUBLIC_KEY_ID, NOW_SECONDS, NONCE,
                BODY), BODY);

        assertThat(key).isSameAs(this.publicKey);
    }

    @Test
    void lowerCaseSerialNamesTheSameCertificate() {
        assertThat(this.verifier.verify(signed("5f3a9c01d2e4b6a8", NOW_SECONDS, NONCE, BODY), BODY))
            .isSameAs(this.certificateKey);
    }

    @Test
    void emptyBodyOf204VerifiesWhenSignedOverAnEmptyLastLine() {
        String signature = TestMaterial.sign(this.platformKey, NOW_SECONDS + "\n" + NONCE + "\n\n");
        ResponseSignature headers = new ResponseSignature("5F3A9C01D2E4B6A8", Long.toString(NOW_SECONDS), NONCE,
                signature);

        assertThat(this.verifier.verify(headers, new byte[0])).isSameAs(this.certificateKey);
        assertThat(failure(headers, utf8("{}"))).isEqualTo(VerificationFailure.BAD_SIGNATURE);
    }

    @Test
    void headersFromAMapLookup() {
        ResponseSignature signed = signed(TestMaterial.PLATFORM_PUBLIC_KEY_ID, NOW_SECONDS, NONCE, BODY);
        Map<String, String> headers = Map.of("Wechatpay-Serial", signed.serial(), "Wechatpay-Timestamp",
                signed.timestamp(), "Wechatpay-Nonce", signed.nonce(), "Wechatpay-Signature", signed.signature(),
                "Request-ID", "08F78BB5AF0610D302");

        assertThat(this.verifier.verify(ResponseSignature.from(headers::get), BODY)).isSameAs(this.publicKey);
    }

    // ---------------------------------------------------------------- one test per failure reason

    @Test
    void probeSignatureIsRefusedAsAProbe() {
        byte[] random = new byte[256];
        new Random(42).nextBytes(random);
        ResponseSignature probe = new ResponseSignature("5F3A9C01D2E4B6A8", Long.toString(NOW_SECONDS), NONCE,
                "WECHATPAY/SIGNTEST/" + Base64.getEncoder().encodeToString(random));

        assertThat(failure(probe, BODY)).isEqualTo(VerificationFailure.SIGNATURE_PROBE);
    }

    @Test
    void probeWhoseSuffixIsAValidSignatureIsStillRefused() {
        ResponseSignature good = signed("5F3A9C01D2E4B6A8", NOW_SECONDS, NONCE, BODY);
        ResponseSignature probe = new ResponseSignature(good.serial(), good.timestamp(), good.nonce(),
                ResponseVerifier.PROBE_PREFIX + good.signature());

        assertThat(failure(probe, BODY)).isEqualTo(VerificationFailure.SIGNATURE_PROBE);
    }

    @ParameterizedTest
    @ValueSource(strings = { "not*base64!", "@@@@", "abc", "ab=cd", "WECHATPAY/SIGNTEST", "中文签名" })
    void garbageSignatureIsABadSignature(String signature) {
        ResponseSignature headers = new ResponseSignature("5F3A9C01D2E4B6A8", Long.toString(NOW_SECONDS), NONCE,
                signature);

        assertThat(failure(headers, BODY)).isEqualTo(VerificationFailure.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 3, 128, 255, 257, 512 })
    void validBase64OfTheWrongLengthIsABadSignature(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        ResponseSignature headers = new ResponseSignature("5F3A9C01D2E4B6A8", Long.toString(NOW_SECONDS), NONCE,
                Base64.getEncoder().encodeToString(bytes));

        assertThat(failure(headers, BODY)).isEqualTo(VerificationFailure.BAD_SIGNATURE);
    }

    @Test
    void randomSignatureOfTheRightLengthIsABadSignature() {
        byte[] bytes = new byte[256];
        Arrays.fill(bytes, (byte) 0xff); // larger than the modulus
        ResponseSignature tooLarge = new ResponseSignature("5F3A9C01D2E4B6A8", Long.toString(NOW_SECONDS), NONCE,
                Base64.getEncoder().encodeToString(bytes));
        new Random(7).nextBytes(bytes);
        bytes[0] = 0x01;
        ResponseSignature random = new ResponseSignature("5F3A9C01D2E4B6A8", Long.toString(NOW_SECONDS), NONCE,
                Base64.getEncoder().encodeToString(bytes));

        assertThat(failure(tooLarge, BODY)).isEqualTo(VerificationFailure.BAD_SIGNATURE);
        assertThat(failure(random, BODY)).isEqualTo(VerificationFailure.BAD_SIGNATURE);
    }

    @Test
    void bodyChangedByOneByteIsABadSignature() {
        ResponseSignature headers = signed("5F3A9C01D2E4B6A8", NOW_SECONDS, NONCE, BODY);
        byte[] changed = BODY.clone();
        changed[changed.length - 3] = (byte) (changed[changed.length - 3] + 1);

        assertThat(failure(headers, changed)).isEqualTo(VerificationFailure.BAD_SIGNATURE);
        assertThat(this.verifier.verify(headers, BODY)).isSameAs(this.certificateKey);
    }

    @Test
    void bodyWithAnExtraTrailingByteIsABadSignature() {
        ResponseSignature headers = signed("5F3A9C01D2E4B6A8", NOW_SECONDS, NONCE, BODY);

        assertThat(failure(headers, concat(BODY, utf8("\n")))).isEqualTo(VerificationFailure.BAD_SIGNATURE);
        assertThat(failure(headers, Arrays.copyOf(BODY, BODY.length - 1)))
            .isEqualTo(VerificationFailure.BAD_SIGNATURE);
    }

    @Test
    void nonceOrTimestampOtherThanTheSignedOnesIsABadSignature() {
        ResponseSignature headers = signed("5F3A9C01D2E4B6A8", NOW_SECONDS, NONCE, BODY);

        assertThat(failure(new ResponseSignature(headers.serial(), headers.timestamp(), NONCE + "X",
                headers.signature()), BODY)).isEqualTo(VerificationFailure.BAD_SIGNATURE);
        assertThat(failure(new ResponseSignature(headers.serial(), Long.toString(NOW_SECONDS + 1), NONCE,
                headers.signature()), BODY)).isEqualTo(VerificationFailure.BAD_SIGNATURE);
    }

    @Test
    void signatureByAnotherKeyIsABadSignature() {
        ResponseSignature merchantSigned = signed(TestMaterial.merchantPrivateKey(), "5F3A9C01D2E4B6A8",
                Long.toString(NOW_SECONDS), NONCE, BODY);
        ResponseSignature generatedSigned = signed(TestMaterial.rsa(2048).getPrivate(),
                TestMaterial.PLATFORM_PUBLIC_KEY_ID, Long.toString(NOW_SECONDS), NONCE, BODY);

        assertThat(failure(merchantSigned, BODY)).isEqualTo(VerificationFailure.BAD_SIGNATURE);
        assertThat(failure(generatedSigned, BODY)).isEqualTo(VerificationFailure.BAD_SIGNATURE);
    }

    @Test
    void signatureOfAnotherKnownKeyDoesNotVerifyUnderTheNamedKey() {
        // a second platform certificate is known too; its signature must not pass under the first serial
        VerificationKey second = VerificationKey
            .certificate(PemKeys.certificate(TestMaterial.text("generated/platform-second-certificate.pem")), null);
        this.keys.put(second);
        PrivateKey secondKey = PemKeys.privateKey(TestMaterial.text("generated/platform-second-private-key.pem"));

        ResponseSignature rightSerial = signed(secondKey, "1A2B3C4D5E6F7081", Long.toString(NOW_SECONDS), NONCE, BODY);
        ResponseSignature wrongSerial = signed(secondKey, "5F3A9C01D2E4B6A8", Long.toString(NOW_SECONDS), NONCE, BODY);

        assertThat(this.verifier.verify(rightSerial, BODY)).isSameAs(second);
        assertThat(failure(wrongSerial, BODY)).isEqualTo(VerificationFailure.BAD_SIGNATURE);
    }

    @Test
    void timestampExactlyAtTheWindowEdgesIsAccepted() {
        assertThat(this.verifier.verify(signed("5F3A9C01D2E4B6A8", NOW_SECONDS + 300, NONCE, BODY), BODY))
            .isSameAs(this.certificateKey);
        assertThat(this.verifier.verify(signed("5F3A9C01D2E4B6A8", NOW_SECONDS - 300, NONCE, BODY), BODY))
            .isSameAs(this.certificateKey);
    }

    @Test
    void timestampOneSecondOutsideTheWindowIsExpired() {
        assertThat(failure(signed("5F3A9C01D2E4B6A8", NOW_SECONDS + 301, NONCE, BODY), BODY))
            .isEqualTo(VerificationFailure.EXPIRED_TIMESTAMP);
        assertThat(failure(signed("5F3A9C01D2E4B6A8", NOW_SECONDS - 301, NONCE, BODY), BODY))
            .isEqualTo(VerificationFailure.EXPIRED_TIMESTAMP);
    }

    @Test
    void windowIsConfigurable() {
        ResponseVerifier strict = new ResponseVerifier(this.keys, fixedClock(NOW), Duration.ofSeconds(60));

        assertThat(strict.verify(signed("5F3A9C01D2E4B6A8", NOW_SECONDS + 60, NONCE, BODY), BODY))
            .isSameAs(this.certificateKey);
        assertThat(strict.verify(signed("5F3A9C01D2E4B6A8", NOW_SECONDS - 60, NONCE, BODY), BODY))
            .isSameAs(this.certificateKey);
        assertThat(failure(strict, signed("5F3A9C01D2E4B6A8", NOW_SECONDS + 61, NONCE, BODY), BODY))
            .isEqualTo(VerificationFailure.EXPIRED_TIMESTAMP);
        assertThat(failure(strict, signed("5F3A9C01D2E4B6A8", NOW_SECONDS - 61, NONCE, BODY), BODY))
            .isEqualTo(VerificationFailure.EXPIRED_TIMESTAMP);
        // what the default window accepts, the strict one refuses
        assertThat(failure(strict, signed("5F3A9C01D2E4B6A8", NOW_SECONDS - 300, NONCE, BODY), BODY))
            .isEqualTo(VerificationFailure.EXPIRED_TIMESTAMP);
    }

    @Test
    void windowMustBePositive() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new ResponseVerifier(this.keys, fixedClock(NOW), Duration.ZERO));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new ResponseVerifier(this.keys, fixedClock(NOW), Duration.ofSeconds(-1)));
    }

    @Test
    void unknownSerialIsRefused() {
        ResponseSignature unknownCertificate = signed("7E1C2A000000ABCD", NOW_SECONDS, NONCE, BODY);
        ResponseSignature unknownPublicKey = signed("PUB_KEY_ID_0000000000000000000000000000", NOW_SECONDS, NONCE,
                BODY);

        assertThat(failure(unknownCertificate, BODY)).isEqualTo(VerificationFailure.UNKNOWN_SERIAL);
        assertThat(failure(unknownPublicKey, BODY)).isEqualTo(VerificationFailure.UNKNOWN_SERIAL);
    }

    @Test
    void unknownSerialMessageKeepsAttackerTextShortAndOnOneLine() {
        String serial = "EVIL\r\nX-Injected: yes\u0000" + "A".repeat(500);
        SignatureVerificationException thrown = catchThrowableOfType(SignatureVerificationException.class,
                () -> this.verifier.verify(signed(serial, NOW_SECONDS, NONCE, BODY), BODY));

        assertThat(thrown.reason()).isEqualTo(VerificationFailure.UNKNOWN_SERIAL);
        assertThat(thrown.getMessage()).doesNotContain("\r").doesNotContain("\n").doesNotContain("\u0000")
            .doesNotContain("A".repeat(100)).contains("5F3A9C01D2E4B6A8");
    }

    @Test
    void certificateAfterItsNotAfterIsExpired() {
        Instant later = TestMaterial.CERT_NOT_AFTER.plusSeconds(1);
        ResponseVerifier verifier = new ResponseVerifier(this.keys, fixedClock(later),
                ResponseVerifier.DEFAULT_TIMESTAMP_WINDOW);

        assertThat(failure(verifier, signed("5F3A9C01D2E4B6A8", later.getEpochSecond(), NONCE, BODY), BODY))
            .isEqualTo(VerificationFailure.KEY_EXPIRED);
        // a public key does not expire
        assertThat(verifier.verify(signed(TestMaterial.PLATFORM_PUBLIC_KEY_ID, later.getEpochSecond(), NONCE, BODY),
                BODY)).isSameAs(this.publicKey);
    }

    @Test
    void certificateBeforeItsNotBeforeIsExpired() {
        Instant earlier = TestMaterial.CERT_NOT_BEFORE.minusSeconds(1);
        ResponseVerifier verifier = new ResponseVerifier(this.keys, fixedClock(earlier),
                ResponseVerifier.DEFAULT_TIMESTAMP_WINDOW);

        assertThat(failure(verifier, signed("5F3A9C01D2E4B6A8", earlier.getEpochSecond(), NONCE, BODY), BODY))
            .isEqualTo(VerificationFailure.KEY_EXPIRED);
    }

    @Test
    void certificateAtTheEdgesOfItsValidityIsUsable() {
        for (Instant edge : List.of(TestMaterial.CERT_NOT_BEFORE, TestMaterial.CERT_NOT_AFTER)) {
            ResponseVerifier verifier = new ResponseVerifier(this.keys, fixedClock(edge),
                    ResponseVerifier.DEFAULT_TIMESTAMP_WINDOW);
            assertThat(verifier.verify(signed("5F3A9C01D2E4B6A8", edge.getEpochSecond(), NONCE, BODY), BODY))
                .isSameAs(this.certificateKey);
        }
    }

    static Stream<Arguments> missingHeaders() {
        List<Arguments> cases = new ArrayList<>();
        for (String header : List.of("serial", "timestamp", "nonce", "signature")) {
            for (String value : Arrays.asList(null, "", " ", "\t \r\n")) {
                cases.add(Arguments.of(header, value));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} = [{1}]")
    @MethodSource("missingHeaders")
    void missingOrBlankHeaderIsRefused(String header, String value) {
        ResponseSignature good = signed("5F3A9C01D2E4B6A8", NOW_SECONDS, NONCE, BODY);
        ResponseSignature headers = switch (header) {
            case "serial" -> new ResponseSignature(value, good.timestamp(), good.nonce(), good.signature());
            case "timestamp" -> new ResponseSignature(good.serial(), value, good.nonce(), good.signature());
            case "nonce" -> new ResponseSignature(good.serial(), good.timestamp(), value, good.signature());
            default -> new ResponseSignature(good.serial(), good.timestamp(), good.nonce(), value);
        };

        SignatureVerificationException thrown = catchThrowableOfType(SignatureVerificationException.class,
                () -> this.verifier.verify(headers, BODY));

        assertThat(thrown.reason()).isEqualTo(VerificationFailure.MISSING_HEADER);
        assertThat(thrown).hasMessageContaining("Wechatpay-");
    }

    @Test
    void allHeadersMissingIsRefused() {
        assertThat(failure(new ResponseSignature(null, null, null, null), BODY))
            .isEqualTo(VerificationFailure.MISSING_HEADER);
        assertThat(failure(ResponseSignature.from((name) -> null), new byte[0]))
            .isEqualTo(VerificationFailure.MISSING_HEADER);
    }

    @ParameterizedTest
    @ValueSource(strings = { "abc", "1700000000.5", "1.7e9", "0x6553F100", "17 00000000", "1700000000s", "--1",
            "2030-01-01T00:00:00Z", "99999999999999999999", "-99999999999999999999", "9223372036854775808" })
    void nonNumericOrUnrepresentableTimestampIsMalformed(String timestamp) {
        ResponseSignature headers = signed(this.platformKey, "5F3A9C01D2E4B6A8", timestamp, NONCE, BODY);

        assertThat(failure(headers, BODY)).isEqualTo(VerificationFailure.MALFORMED_HEADER);
    }

    @ParameterizedTest
    @ValueSource(longs = { Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE, Long.MAX_VALUE - 1, 0, -1,
            -1700000000L, 253402300800L })
    void hugeOrFarTimestampIsExpiredAndNeverOverflows(long timestamp) {
        ResponseSignature headers = signed("5F3A9C01D2E4B6A8", timestamp, NONCE, BODY);

        assertThat(failure(headers, BODY)).isEqualTo(VerificationFailure.EXPIRED_TIMESTAMP);
    }

    @Test
    void timestampWhoseDistanceOverflowsToLongMinValueIsExpired() {
        // now - timestamp wraps to Long.MIN_VALUE, and Math.abs(Long.MIN_VALUE) is negative
        long timestamp = NOW_SECONDS + Long.MIN_VALUE;
        assertThat(NOW_SECONDS - timestamp).isEqualTo(Long.MIN_VALUE);

        assertThat(failure(signed("5F3A9C01D2E4B6A8", timestamp, NONCE, BODY), BODY))
            .isEqualTo(VerificationFailure.EXPIRED_TIMESTAMP);
    }

    // ---------------------------------------------------------------- fail closed on anything

    @Test
    void garbageInputNeverThrowsAnythingElseAndIsNeverAccepted() {
        String good = signed("5F3A9C01D2E4B6A8", NOW_SECONDS, NONCE, BODY).signature();
        List<String> serials = Arrays.asList(null, "", "5F3A9C01D2E4B6A8", "5f3a9c01d2e4b6a8 ", "PUB_KEY_ID_",
                TestMaterial.PLATFORM_PUBLIC_KEY_ID, "\u0000\n", "X".repeat(10_000), "５Ｆ３Ａ", "../../etc/passwd");
        List<String> timestamps = Arrays.asList(null, "", Long.toString(NOW_SECONDS), "-", "+", "+" + NOW_SECONDS,
                " " + NOW_SECONDS + " ", "0", "-0", Long.toString(Long.MIN_VALUE), Long.toString(Long.MAX_VALUE),
                "99999999999999999999", "1e10", "NaN", "١٧٠٠٠٠٠٠٠٠", "\u0000");
        List<String> nonces = Arrays.asList(null, "", NONCE, "\n", "\r\n\r\n", "é".repeat(1000));
        List<String> signatures = Arrays.asList(null, "", "=", "====", "A", "AA==", "AAAA", "WECHATPAY/SIGNTEST/",
                "WECHATPAY/SIGNTEST/" + good, good.substring(1), good + "AAAA", good.replace('A', 'B'),
                good.toLowerCase(), "-_-_", "\u0000\u0001", "中文", "A".repeat(100_000), " " + good.substring(1));
        List<byte[]> bodies = List.of(new byte[0], utf8("{}"), new byte[] { (byte) 0xff, 0, (byte) 0x80 });

        int cases = 0;
        for (String serial : serials) {
            for (String timestamp : timestamps) {
                for (String nonce : nonces) {
                    for (String signature : signatures) {
                        for (byte[] body : bodies) {
                            ResponseSignature headers = new ResponseSignature(serial, timestamp, nonce, signature);
                            Throwable thrown = catchThrowable(() -> this.verifier.verify(headers, body));
                            assertThat(thrown).as("%s", headers)
                                .isExactlyInstanceOf(SignatureVerificationException.class);
                            assertThat(((SignatureVerificationException) thrown).reason()).isNotNull();
                            cases++;
                        }
                    }
                }
            }
        }
        assertThat(cases).isEqualTo(serials.size() * timestamps.size() * nonces.size() * signatures.size()
                * bodies.size());
    }

    @Test
    void everyFailureReasonIsReachable() {
        byte[] random = new byte[256];
        new Random(1).nextBytes(random);
        ResponseSignature good = signed("5F3A9C01D2E4B6A8", NOW_SECONDS, NONCE, BODY);
        ResponseVerifier afterExpiry = new ResponseVerifier(this.keys,
                fixedClock(TestMaterial.CERT_NOT_AFTER.plusSeconds(3600)), ResponseVerifier.DEFAULT_TIMESTAMP_WINDOW);
        long afterExpirySeconds = TestMaterial.CERT_NOT_AFTER.plusSeconds(3600).getEpochSecond();

        List<VerificationFailure> outcomes = List.of(
                failure(new ResponseSignature(null, good.timestamp(), good.nonce(), good.signature()), BODY),
                failure(new ResponseSignature(good.serial(), "soon", good.nonce(), good.signature()), BODY),
                failure(signed("ABCDEF", NOW_SECONDS, NONCE, BODY), BODY),
                failure(afterExpiry, signed("5F3A9C01D2E4B6A8", afterExpirySeconds, NONCE, BODY), BODY),
                failure(signed("5F3A9C01D2E4B6A8", NOW_SECONDS - 3600, NONCE, BODY), BODY),
                failure(new ResponseSignature(good.serial(), good.timestamp(), good.nonce(),
                        "WECHATPAY/SIGNTEST/" + Base64.getEncoder().encodeToString(random)), BODY),
                failure(good, utf8("{\"tampered\":true}")));

        assertThat(outcomes).containsExactly(VerificationFailure.MISSING_HEADER, VerificationFailure.MALFORMED_HEADER,
                VerificationFailure.UNKNOWN_SERIAL, VerificationFailure.KEY_EXPIRED,
                VerificationFailure.EXPIRED_TIMESTAMP, VerificationFailure.SIGNATURE_PROBE,
                VerificationFailure.BAD_SIGNATURE);
        assertThat(java.util.EnumSet.copyOf(outcomes)).containsExactlyInAnyOrder(VerificationFailure.values());
    }

    // ---------------------------------------------------------------- concurrency and pooling

    @Test
    void malformedSignaturesDoNotPoisonThePooledVerifiers() {
        ResponseSignature good = signed("5F3A9C01D2E4B6A8", NOW_SECONDS, NONCE, BODY);
        byte[] large = new byte[256];
        Arrays.fill(large, (byte) 0xff);
        List<String> bad = List.of("AAAA", Base64.getEncoder().encodeToString(large),
                Base64.getEncoder().encodeToString(new byte[256]), good.signature().replace('A', 'C'));

        for (int round = 0; round < 100; round++) {
            for (String signature : bad) {
                assertThat(failure(new ResponseSignature(good.serial(), good.timestamp(), good.nonce(), signature),
                        BODY)).isEqualTo(VerificationFailure.BAD_SIGNATURE);
                assertThat(this.verifier.verify(good, BODY)).isSameAs(this.certificateKey);
            }
        }
    }

    @Test
    void concurrentVerificationFromManyThreadsIsCorrect() throws Exception {
        int threads = 8;
        int perThread = 200;
        List<ResponseSignature> goods = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            byte[] body = utf8("{\"i\":" + i + "}");
            bodies.add(body);
            goods.add(signed((i % 2 == 0) ? "5F3A9C01D2E4B6A8" : TestMaterial.PLATFORM_PUBLIC_KEY_ID, NOW_SECONDS,
                    "N" + i, body));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    int checked = 0;
                    for (int i = 0; i < perThread; i++) {
                        int n = (thread * perThread + i) % goods.size();
                        ResponseSignature good = goods.get(n);
                        if (i % 4 == 3) {
                            // a response whose body was swapped, or a short signature: must fail
                            ResponseSignature bad = (i % 8 == 3) ? good
                                    : new ResponseSignature(good.serial(), good.timestamp(), good.nonce(), "AAAA");
                            byte[] body = (i % 8 == 3) ? bodies.get((n + 1) % bodies.size()) : bodies.get(n);
                            assertThat(failure(bad, body)).isEqualTo(VerificationFailure.BAD_SIGNATURE);
                        }
                        else {
                            assertThat(this.verifier.verify(good, bodies.get(n)).id())
                                .isEqualTo((n % 2 == 0) ? "5F3A9C01D2E4B6A8" : TestMaterial.PLATFORM_PUBLIC_KEY_ID);
                        }
                        checked++;
                    }
                    return checked;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> future : futures) {
                total += future.get(2, TimeUnit.MINUTES);
            }
            assertThat(total).isEqualTo(threads * perThread);
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void defaultConstructorUsesTheSystemClockAndFiveMinutes() {
        ResponseVerifier verifier = new ResponseVerifier(this.keys);
        long now = Instant.now().getEpochSecond();

        assertThat(ResponseVerifier.DEFAULT_TIMESTAMP_WINDOW).isEqualTo(Duration.ofMinutes(5));
        assertThat(verifier.keys()).isSameAs(this.keys);
        assertThat(verifier.verify(signed(TestMaterial.PLATFORM_PUBLIC_KEY_ID, now, NONCE, BODY), BODY))
            .isSameAs(this.publicKey);
        assertThat(failure(verifier, signed(TestMaterial.PLATFORM_PUBLIC_KEY_ID, now - 3600, NONCE, BODY), BODY))
            .isEqualTo(VerificationFailure.EXPIRED_TIMESTAMP);
        assertThat(verifier.toString()).contains("300s");
    }

    @Test
    void clockIsRequired() {
        Clock clock = null;
        org.assertj.core.api.Assertions.assertThatNullPointerException()
            .isThrownBy(() -> new ResponseVerifier(this.keys, clock, Duration.ofMinutes(5)));
    }
}
