package io.github.discountcard.core;

import static io.github.discountcard.core.TestMaterial.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;

import javax.crypto.Cipher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RsaOaepTests {

    private final KeyPair pair = TestMaterial.rsa(2048);

    private final KeyPair other = TestMaterial.generate("RSA", 2048);

    @ParameterizedTest
    @ValueSource(strings = { "13800138000", "张三", "", "a", "user@example.com, 广东省深圳市南山区科技园 1 号" })
    void roundTripsWithAGenerated2048BitKeyPair(String plaintext) {
        String ciphertext = RsaOaep.encrypt(this.pair.getPublic(), plaintext);

        assertThat(Base64.getDecoder().decode(ciphertext)).hasSize(256);
        assertThat(RsaOaep.decrypt(this.pair.getPrivate(), ciphertext)).isEqualTo(plaintext);
    }

    @Test
    void longestPlaintextThatFitsRoundTrips() {
        // RSA-2048 with OAEP SHA-1: 256 - 2 * 20 - 2 = 214 bytes
        String plaintext = "x".repeat(214);

        assertThat(RsaOaep.decrypt(this.pair.getPrivate(), RsaOaep.encrypt(this.pair.getPublic(), plaintext)))
            .isEqualTo(plaintext);
    }

    @Test
    void tooLongPlaintextFails() {
        assertThatThrownBy(() -> RsaOaep.encrypt(this.pair.getPublic(), "x".repeat(215)))
            .isInstanceOf(CryptoException.class)
            .hasMessageContaining("longer than the key allows");
    }

    @Test
    void encryptionIsRandomized() {
        String first = RsaOaep.encrypt(this.pair.getPublic(), "13800138000");
        String second = RsaOaep.encrypt(this.pair.getPublic(), "13800138000");

        assertThat(first).isNotEqualTo(second);
        assertThat(RsaOaep.decrypt(this.pair.getPrivate(), first))
            .isEqualTo(RsaOaep.decrypt(this.pair.getPrivate(), second));
    }

    @Test
    void decryptionWithAnotherKeyFails() {
        String ciphertext = RsaOaep.encrypt(this.pair.getPublic(), "13800138000");

        assertThatThrownBy(() -> RsaOaep.decrypt(this.other.getPrivate(), ciphertext))
            .isInstanceOf(CryptoException.class)
            .hasMessageContaining("RSA-OAEP decryption failed");
    }

    @Test
    void tamperedCiphertextFails() {
        byte[] ciphertext = Base64.getDecoder().decode(RsaOaep.encrypt(this.pair.getPublic(), "13800138000"));
        ciphertext[200] ^= 0x01;

        assertThatThrownBy(() -> RsaOaep.decrypt(this.pair.getPrivate(),
                Base64.getEncoder().encodeToString(ciphertext))).isInstanceOf(CryptoException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = { "not base64!", "中文", "ab=cd" })
    void badBase64Fails(String ciphertext) {
        assertThatThrownBy(() -> RsaOaep.decrypt(this.pair.getPrivate(), ciphertext))
            .isInstanceOf(CryptoException.class)
            .hasMessageContaining("not valid Base64");
    }

    @Test
    void wrongLengthCiphertextFails() {
        assertThatThrownBy(() -> RsaOaep.decrypt(this.pair.getPrivate(), "AAAA")).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> RsaOaep.decrypt(this.pair.getPrivate(),
                Base64.getEncoder().encodeToString(new byte[512]))).isInstanceOf(CryptoException.class);
    }

    @Test
    void decryptsAnOpensslOaepSha1CiphertextUnderThePlatformKey() {
        // made with: openssl pkeyutl -encrypt -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha1
        String ciphertext = TestMaterial.text("generated/platform-oaep-ciphertext.b64").strip();

        assertThat(RsaOaep.decrypt(TestMaterial.platformPrivateKey(), ciphertext)).isEqualTo("13800138000");
    }

    @Test
    void plainJdkOaepSha1CipherDecryptsWhatWeEncrypt() throws Exception {
        String ciphertext = RsaOaep.encrypt(TestMaterial.platformPublicKey(), "张三");
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        cipher.init(Cipher.DECRYPT_MODE, TestMaterial.platformPrivateKey());

        assertThat(new String(cipher.doFinal(Base64.getDecoder().decode(ciphertext)), StandardCharsets.UTF_8))
            .isEqualTo("张三");
    }

    @Test
    void weDecryptWhatAPlainJdkOaepSha1CipherEncrypts() throws Exception {
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        cipher.init(Cipher.ENCRYPT_MODE, this.pair.getPublic());
        String ciphertext = Base64.getEncoder().encodeToString(cipher.doFinal(utf8("13800138000")));

        assertThat(RsaOaep.decrypt(this.pair.getPrivate(), ciphertext)).isEqualTo("13800138000");
    }

    @Test
    void encryptingUnderAPrivateKeyTypeMismatchFailsAsCryptoException() throws Exception {
        java.security.PublicKey ec = PemKeysTests.ecKeyPair().getPublic();

        assertThatThrownBy(() -> RsaOaep.encrypt(ec, "x")).isInstanceOf(CryptoException.class);
    }
}
