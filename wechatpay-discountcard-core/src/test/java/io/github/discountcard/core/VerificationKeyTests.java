package io.github.discountcard.core;

import static io.github.discountcard.core.TestMaterial.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VerificationKeyTests {

    private final PublicKey platformPublicKey = TestMaterial.platformPublicKey();

    private final X509Certificate certificate = TestMaterial.platformCertificate();

    @Test
    void publicKeyWithItsId() {
        VerificationKey key = VerificationKey.publicKey(TestMaterial.PLATFORM_PUBLIC_KEY_ID, this.platformPublicKey,
                null);

        assertThat(key.id()).isEqualTo(TestMaterial.PLATFORM_PUBLIC_KEY_ID);
        assertThat(key.kind()).isEqualTo(VerificationKey.Kind.PUBLIC_KEY);
        assertThat(key.publicKey()).isSameAs(this.platformPublicKey);
        assertThat(key.certificate()).isNull();
        assertThat(key.notAfter()).isNull();
        assertThat(key.usableAt(java.time.Instant.MIN)).isTrue();
        assertThat(key.usableAt(java.time.Instant.MAX)).isTrue();
        assertThat(key.toString()).isEqualTo("VerificationKey[PUBLIC_KEY " + TestMaterial.PLATFORM_PUBLIC_KEY_ID + "]");
    }

    @ParameterizedTest
    @ValueSource(strings = { "0114232134912410000000000000", "5F3A9C01D2E4B6A8", "pub_key_id_0114232134912410000000",
            "PUB_KEY_0114232134912410000000", " PUB_KEY_ID_0114232134912410000000000000" })
    void publicKeyIdWithoutThePrefixIsRefused(String id) {
        assertThatThrownBy(() -> VerificationKey.publicKey(id, this.platformPublicKey, null))
            .isInstanceOf(KeyMaterialException.class)
            .hasMessageContaining("PUB_KEY_ID_");
    }

    @Test
    void blankPublicKeyIdOrMissingKeyIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> VerificationKey.publicKey(" ", this.platformPublicKey,
                null));
        assertThatNullPointerException()
            .isThrownBy(() -> VerificationKey.publicKey(TestMaterial.PLATFORM_PUBLIC_KEY_ID, null, null));
    }

    @Test
    void certificateIsNamedByItsUpperCaseSerial() {
        VerificationKey key = VerificationKey.certificate(this.certificate, null);

        assertThat(key.id()).isEqualTo("5F3A9C01D2E4B6A8");
        assertThat(key.kind()).isEqualTo(VerificationKey.Kind.CERTIFICATE);
        assertThat(key.certificate()).isSameAs(this.certificate);
        assertThat(key.publicKey()).isEqualTo(this.platformPublicKey);
        assertThat(key.notAfter()).isEqualTo(TestMaterial.CERT_NOT_AFTER);
        assertThat(key.toString()).isEqualTo("VerificationKey[CERTIFICATE 5F3A9C01D2E4B6A8]");
    }

    @Test
    void certificateIsUsableInsideItsValidityOnly() {
        VerificationKey key = VerificationKey.certificate(this.certificate, null);

        assertThat(key.usableAt(TestMaterial.CERT_NOT_BEFORE.minusSeconds(1))).isFalse();
        assertThat(key.usableAt(TestMaterial.CERT_NOT_BEFORE)).isTrue();
        assertThat(key.usableAt(TestMaterial.CERT_NOT_AFTER)).isTrue();
        assertThat(key.usableAt(TestMaterial.CERT_NOT_AFTER.plusSeconds(1))).isFalse();
    }

    @Test
    void verifiesOverTheConcatenationOfParts() {
        VerificationKey key = VerificationKey.certificate(this.certificate, null);
        byte[] message = TestMaterial.vector("response-sign-message.txt");
        byte[] signature = Base64.getDecoder().decode(TestMaterial.vectorBase64("response-signature.b64"));
        int split = 11;

        assertThat(key.verify(signature, message)).isTrue();
        assertThat(key.verify(signature, java.util.Arrays.copyOf(message, split),
                java.util.Arrays.copyOfRange(message, split, message.length))).isTrue();
        assertThat(key.verify(signature, message, utf8("x"))).isFalse();
        assertThat(key.verify(new byte[3], message)).isFalse();
        assertThat(key.verify(signature, message)).isTrue();
    }
}
