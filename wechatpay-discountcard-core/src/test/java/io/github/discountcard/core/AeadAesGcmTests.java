package io.github.discountcard.core;

import static io.github.discountcard.core.TestMaterial.utf8;
import static io.github.discountcard.core.TestMaterial.vector;
import static io.github.discountcard.core.TestMaterial.vectorBase64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AeadAesGcmTests {

    /** The official SDK's vector. */
    private static final String SDK_KEY = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";

    private static final String SDK_NONCE = "uluk4a9R25RW";

    private static final String SDK_AAD = "associatedData";

    private static final String SDK_CIPHERTEXT = "ulwSiIajGClcvcOYvOQ7+l+0PAbzzwI=";

    /** The certificate vector of the spec. */
    private static final String CERT_KEY = "TestApiV3Key0123456789abcdefABCD";

    private static final String CERT_NONCE = "TestNonce012";

    private static final String CERT_AAD = "certificate";

    private final AeadAesGcm sdk = new AeadAesGcm(SDK_KEY);

    private final AeadAesGcm certificates = new AeadAesGcm(CERT_KEY);

    // ---------------------------------------------------------------- known answers

    @Test
    void sdkVectorEncrypts() {
        assertThat(this.sdk.encrypt(SDK_AAD, SDK_NONCE, utf8("message"))).isEqualTo(SDK_CIPHERTEXT);
    }

    @Test
    void sdkVectorDecrypts() {
        assertThat(this.sdk.decrypt(SDK_AAD, SDK_NONCE, SDK_CIPHERTEXT)).isEqualTo(utf8("message"));
        assertThat(this.sdk.decryptToString(SDK_AAD, SDK_NONCE, SDK_CIPHERTEXT)).isEqualTo("message");
    }

    @Test
    void sdkVectorAgreesWithAPlainJdkCipher() throws Exception {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(utf8(SDK_KEY), "AES"),
                new GCMParameterSpec(128, utf8(SDK_NONCE)));
        cipher.updateAAD(utf8(SDK_AAD));

        assertThat(Base64.getEncoder().encodeToString(cipher.doFinal(utf8("message")))).isEqualTo(SDK_CIPHERTEXT);
    }

    @Test
    void certificateVectorDecryptsToTheExactCertificatePem() {
        byte[] plaintext = this.certificates.decrypt(CERT_AAD, CERT_NONCE, vectorBase64("certificate-ciphertext.b64"));

        assertThat(plaintext).isEqualTo(vector("platform-test-certificate.pem"));
    }

    @Test
    void certificateVectorParsesToTheVectorSerial() {
        String pem = this.certificates.decryptToString(CERT_AAD, CERT_NONCE,
                vectorBase64("certificate-ciphertext.b64"));

        X509Certificate certificate = PemKeys.certificate(pem);

        assertThat(PemKeys.serialNumber(certificate)).isEqualTo("5F3A9C01D2E4B6A8");
        assertThat(certificate.getPublicKey()).isEqualTo(TestMaterial.platformPublicKey());
    }

    @Test
    void certificateVectorEncrypts() {
        assertThat(this.certificates.encrypt(CERT_AAD, CERT_NONCE, vector("platform-test-certificate.pem")))
            .isEqualTo(vectorBase64("certificate-ciphertext.b64"));
    }

    // ---------------------------------------------------------------- the APIv3 key

    @ParameterizedTest
    @ValueSource(ints = { 0, 1, 16, 31, 33, 64 })
    void keyOfAnotherLengthIsRefusedGivingTheLengthButNotTheKey(int length) {
        String apiV3Key = "Kx9QwErTyUiOpAsDfGhJkLzXcVbNm0123456789ZYXWVUTSRQPONMLKJIHGFEDCBAzyx".substring(0, length);

        KeyMaterialException thrown = catchThrowableOfType(KeyMaterialException.class,
                () -> new AeadAesGcm(apiV3Key));

        assertThat(thrown).hasMessageContaining("32").hasMessageContaining("is " + length + " bytes long");
        if (length >= 4) {
            assertThat(thrown.getMessage()).doesNotContain(apiV3Key).doesNotContain(apiV3Key.substring(0, 4));
        }
    }

    @Test
    void thirtyOneAndThirtyThreeByteKeysAreRefused() {
        String key31 = CERT_KEY.substring(0, 31);
        String key33 = CERT_KEY + "E";

        assertThatThrownBy(() -> new AeadAesGcm(key31)).isInstanceOf(KeyMaterialException.class)
            .hasMessageContaining("31 bytes")
            .satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(key31).doesNotContain("TestApiV3"));
        assertThatThrownBy(() -> new AeadAesGcm(key33)).isInstanceOf(KeyMaterialException.class)
            .hasMessageContaining("33 bytes")
            .satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(key33).doesNotContain("TestApiV3"));
    }

    @Test
    void keyLengthIsCountedInUtf8Bytes() {
        // 32 characters, 33 bytes: the APIv3 key is its UTF-8 bytes
        String key = CERT_KEY.substring(0, 31) + "é";
        assertThat(key).hasSize(32);

        assertThatThrownBy(() -> new AeadAesGcm(key)).isInstanceOf(KeyMaterialException.class)
            .hasMessageContaining("33 bytes");
    }

    @Test
    void missingKeyIsRefused() {
        assertThatThrownBy(() -> new AeadAesGcm(null)).isInstanceOf(KeyMaterialException.class)
            .hasMessageContaining("missing");
    }

    @Test
    void toStringIsMasked() {
        assertThat(this.certificates.toString()).isEqualTo("AeadAesGcm[apiV3Key=******]").doesNotContain(CERT_KEY)
            .doesNotContain("TestApiV3");
    }

    // ---------------------------------------------------------------- failures

    @Test
    void wrongKeyFails() {
        AeadAesGcm other = new AeadAesGcm("TestApiV3Key0123456789abcdefABCE");

        assertThatThrownBy(() -> other.decrypt(CERT_AAD, CERT_NONCE, vectorBase64("certificate-ciphertext.b64")))
            .isInstanceOf(CryptoException.class)
            .hasMessageContaining("authentication failed");
    }

    @Test
    void wrongAssociatedDataOrNonceFails() {
        assertThatThrownBy(() -> this.sdk.decrypt("associateddata", SDK_NONCE, SDK_CIPHERTEXT))
            .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> this.sdk.decrypt("", SDK_NONCE, SDK_CIPHERTEXT)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> this.sdk.decrypt(SDK_AAD, "uluk4a9R25RX", SDK_CIPHERTEXT))
            .isInstanceOf(CryptoException.class);
    }

    @Test
    void everyTamperedByteFails() {
        byte[] ciphertext = Base64.getDecoder().decode(SDK_CIPHERTEXT);
        for (int i = 0; i < ciphertext.length; i++) {
            byte[] tampered = ciphertext.clone();
            tampered[i] ^= 0x01;
            String text = Base64.getEncoder().encodeToString(tampered);
            assertThatThrownBy(() -> this.sdk.decrypt(SDK_AAD, SDK_NONCE, text)).as("byte %d flipped", i)
                .isInstanceOf(CryptoException.class);
        }
        // and the pooled ciphers still work afterwards
        assertThat(this.sdk.decryptToString(SDK_AAD, SDK_NONCE, SDK_CIPHERTEXT)).isEqualTo("message");
    }

    @Test
    void tamperedCertificateCiphertextFails() {
        byte[] ciphertext = Base64.getDecoder().decode(vectorBase64("certificate-ciphertext.b64"));
        ciphertext[100] ^= 0x40;
        String tampered = Base64.getEncoder().encodeToString(ciphertext);

        assertThatThrownBy(() -> this.certificates.decrypt(CERT_AAD, CERT_NONCE, tampered))
            .isInstanceOf(CryptoException.class);
    }

    @Test
    void truncatedCiphertextFails() {
        String withoutTag = Base64.getEncoder()
            .encodeToString(java.util.Arrays.copyOf(Base64.getDecoder().decode(SDK_CIPHERTEXT), 7));

        // the JDK's GCM throws ProviderException on input shorter than the tag: it must still be a CryptoException
        assertThatThrownBy(() -> this.sdk.decrypt(SDK_AAD, SDK_NONCE, withoutTag)).isInstanceOf(CryptoException.class)
            .hasMessageContaining("7 bytes long, shorter than its 16-byte tag");
        assertThatThrownBy(() -> this.sdk.decrypt(SDK_AAD, SDK_NONCE, "")).isInstanceOf(CryptoException.class);
        for (int length = 0; length <= 16; length++) {
            String text = Base64.getEncoder().encodeToString(new byte[length]);
            assertThatThrownBy(() -> this.sdk.decrypt(SDK_AAD, SDK_NONCE, text)).as("%d bytes", length)
                .isExactlyInstanceOf(CryptoException.class);
        }
        assertThat(this.sdk.decryptToString(SDK_AAD, SDK_NONCE, SDK_CIPHERTEXT)).isEqualTo("message");
    }

    @ParameterizedTest
    @ValueSource(strings = { "not base64!", "ulwSiIajGClcv=cOYvOQ7+l+0PAbzzwI=",
            "ulwSiIajGClcvcOYvOQ7-l_0PAbzzwI=", "中文" })
    void badBase64Fails(String ciphertext) {
        assertThatThrownBy(() -> this.sdk.decrypt(SDK_AAD, SDK_NONCE, ciphertext)).isInstanceOf(CryptoException.class)
            .hasMessageContaining("Base64");
    }

    @Test
    void emptyNonceFails() {
        assertThatThrownBy(() -> this.sdk.decrypt(SDK_AAD, "", SDK_CIPHERTEXT)).isInstanceOf(CryptoException.class)
            .hasMessageContaining("nonce");
        assertThatThrownBy(() -> this.sdk.encrypt(SDK_AAD, "", utf8("x"))).isInstanceOf(CryptoException.class)
            .hasMessageContaining("nonce");
        // still works afterwards
        assertThat(this.sdk.decryptToString(SDK_AAD, SDK_NONCE, SDK_CIPHERTEXT)).isEqualTo("message");
    }

    @Test
    void failureMessagesDoNotShowTheKey() {
        CryptoException thrown = catchThrowableOfType(CryptoException.class,
                () -> this.certificates.decrypt(CERT_AAD, CERT_NONCE, "AAAAAAAAAAAAAAAAAAAAAAAA"));

        assertThat(thrown.getMessage()).doesNotContain(CERT_KEY).doesNotContain("TestApiV3");
    }

    // ---------------------------------------------------------------- round trips

    @Test
    void emptyAssociatedDataRoundTrips() {
        String json = "{\"id\":\"EV-2018022511223320873\",\"state\":\"CREATED\",\"name\":\"先享卡\"}";

        String ciphertext = this.certificates.encrypt("", "0123456789ab", json.getBytes(StandardCharsets.UTF_8));

        assertThat(this.certificates.decryptToString("", "0123456789ab", ciphertext)).isEqualTo(json);
        assertThatThrownBy(() -> this.certificates.decrypt("x", "0123456789ab", ciphertext))
            .isInstanceOf(CryptoException.class);
    }

    @Test
    void emptyPlaintextRoundTrips() {
        String ciphertext = this.sdk.encrypt(SDK_AAD, SDK_NONCE, new byte[0]);

        assertThat(Base64.getDecoder().decode(ciphertext)).hasSize(16);
        assertThat(this.sdk.decrypt(SDK_AAD, SDK_NONCE, ciphertext)).isEmpty();
    }

    @Test
    void encryptingTwiceWithTheSameKeyAndNonceWorks() {
        // the encrypting Cipher is fresh each time: GCM refuses to reuse an initialised one with the same IV
        assertThat(this.sdk.encrypt(SDK_AAD, SDK_NONCE, utf8("message"))).isEqualTo(SDK_CIPHERTEXT);
        assertThat(this.sdk.encrypt(SDK_AAD, SDK_NONCE, utf8("message"))).isEqualTo(SDK_CIPHERTEXT);
    }

    @Test
    void concurrentDecryptionIsCorrect() throws Exception {
        String certificate = vectorBase64("certificate-ciphertext.b64");
        byte[] pem = vector("platform-test-certificate.pem");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        if (i % 5 == 4) {
                            assertThatThrownBy(() -> this.certificates.decrypt("wrong", CERT_NONCE, certificate))
                                .isInstanceOf(CryptoException.class);
                        }
                        else {
                            assertThat(this.certificates.decrypt(CERT_AAD, CERT_NONCE, certificate)).isEqualTo(pem);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(2, TimeUnit.MINUTES);
            }
        }
        finally {
            pool.shutdownNow();
        }
    }
}
