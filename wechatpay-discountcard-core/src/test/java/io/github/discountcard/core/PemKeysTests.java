package io.github.discountcard.core;

import static io.github.discountcard.core.TestMaterial.assertNoKeyText;
import static io.github.discountcard.core.TestMaterial.pem;
import static io.github.discountcard.core.TestMaterial.pkcs1Pem;
import static io.github.discountcard.core.TestMaterial.pkcs8Pem;
import static io.github.discountcard.core.TestMaterial.publicPem;
import static io.github.discountcard.core.TestMaterial.text;
import static io.github.discountcard.core.TestMaterial.vector;
import static io.github.discountcard.core.TestMaterial.vectorBase64;
import static io.github.discountcard.core.TestMaterial.vectorText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PemKeysTests {

    @Nested
    class Vectors {

        @Test
        void merchantPrivateKeyIsRsa2048Pkcs8() {
            PrivateKey key = TestMaterial.merchantPrivateKey();

            assertThat(key).isInstanceOf(RSAPrivateCrtKey.class);
            assertThat(((RSAPrivateCrtKey) key).getModulus().bitLength()).isEqualTo(2048);
        }

        @Test
        void merchantPublicKeyMatchesMerchantPrivateKey() {
            assertMatches(TestMaterial.merchantPrivateKey(), TestMaterial.merchantPublicKey());
        }

        @Test
        void platformPublicKeyMatchesPlatformPrivateKey() {
            assertMatches(TestMaterial.platformPrivateKey(), TestMaterial.platformPublicKey());
        }

        @Test
        void platformCertificateHoldsThePlatformPublicKey() {
            X509Certificate certificate = TestMaterial.platformCertificate();

            assertThat(certificate.getPublicKey().getEncoded()).isEqualTo(TestMaterial.platformPublicKey().getEncoded());
            assertMatches(TestMaterial.platformPrivateKey(), certificate.getPublicKey());
        }

        @Test
        void merchantAndPlatformKeysDiffer() {
            assertThat(TestMaterial.merchantPublicKey().getEncoded())
                .isNotEqualTo(TestMaterial.platformPublicKey().getEncoded());
        }

        @Test
        void platformCertificateSerialIsUpperCaseHex() {
            X509Certificate certificate = TestMaterial.platformCertificate();

            assertThat(PemKeys.serialNumber(certificate)).isEqualTo("5F3A9C01D2E4B6A8").matches("[0-9A-F]+");
        }

        @Test
        void platformCertificateValidity() {
            X509Certificate certificate = TestMaterial.platformCertificate();

            assertThat(certificate.getNotBefore().toInstant()).isEqualTo(TestMaterial.CERT_NOT_BEFORE);
            assertThat(certificate.getNotAfter().toInstant()).isEqualTo(TestMaterial.CERT_NOT_AFTER);
        }

        private void assertMatches(PrivateKey privateKey, PublicKey publicKey) {
            RSAPrivateCrtKey rsaPrivate = (RSAPrivateCrtKey) privateKey;
            RSAPublicKey rsaPublic = (RSAPublicKey) publicKey;
            assertThat(rsaPublic.getModulus()).isEqualTo(rsaPrivate.getModulus());
            assertThat(rsaPublic.getPublicExponent()).isEqualTo(rsaPrivate.getPublicExponent());
            byte[] message = TestMaterial.utf8("a key pair signs and verifies");
            assertThat(TestMaterial.verifies(publicKey, message, TestMaterial.sign(privateKey, message))).isTrue();
        }
    }

    @Nested
    class Pkcs1 {

        @Test
        void opensslPkcs1FormOfTheMerchantKeyIsTheSameKey() {
            String pkcs1 = text("generated/merchant-test-private-key-pkcs1.pem");
            assertThat(pkcs1).startsWith("-----BEGIN RSA PRIVATE KEY-----");

            PrivateKey key = PemKeys.privateKey(pkcs1);

            assertThat(key.getEncoded()).isEqualTo(TestMaterial.merchantPrivateKey().getEncoded());
        }

        @Test
        void opensslPkcs1FormOfTheMerchantKeySignsTheRequestVector() {
            PrivateKey key = PemKeys.privateKey(text("generated/merchant-test-private-key-pkcs1.pem"));

            String signature = new RequestSigner("1900000001", "SERIAL", key)
                .signMessage(vector("request-sign-message.txt"));

            assertThat(signature).isEqualTo(vectorBase64("request-signature.b64"));
        }

        @Test
        void pkcs1ExtractedInTheTestFromTheMerchantVectorKeySignsTheRequestVector() {
            String pkcs1 = pkcs1Pem(TestMaterial.merchantPrivateKey());
            assertThat(pkcs1).isEqualTo(text("generated/merchant-test-private-key-pkcs1.pem"));

            String signature = new RequestSigner("1900000001", "SERIAL", PemKeys.privateKey(pkcs1))
                .signMessage(vector("request-sign-message.txt"));

            assertThat(signature).isEqualTo(vectorBase64("request-signature.b64"));
        }

        @ParameterizedTest
        @ValueSource(ints = { 2048, 3072, 4096 })
        void generatedPkcs1KeySignsExactlyLikeItsPkcs8Form(int bits) {
            KeyPair pair = TestMaterial.rsa(bits);
            PrivateKey fromPkcs1 = PemKeys.privateKey(pkcs1Pem(pair.getPrivate()));
            PrivateKey fromPkcs8 = PemKeys.privateKey(pkcs8Pem(pair.getPrivate()));
            byte[] message = TestMaterial.utf8("GET\n/v3/discount-card/orders/abc\n1700000000\nNONCE\n\n");

            String pkcs1Signature = new RequestSigner("1900000001", "SERIAL", fromPkcs1).signMessage(message);
            String pkcs8Signature = new RequestSigner("1900000001", "SERIAL", fromPkcs8).signMessage(message);

            assertThat(fromPkcs1.getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
            assertThat(pkcs1Signature).isEqualTo(pkcs8Signature);
            assertThat(TestMaterial.verifies(pair.getPublic(), message, pkcs1Signature)).isTrue();
        }

        @Test
        void pkcs1Rsa1024IsRefused() {
            String pem = pkcs1Pem(TestMaterial.rsa(1024).getPrivate());

            KeyMaterialException thrown = catchThrowableOfType(KeyMaterialException.class,
                    () -> PemKeys.privateKey(pem));

            assertThat(thrown).hasMessageContaining("RSA-1024").hasMessageContaining("2048");
            assertNoKeyText(thrown, pem);
        }

        @Test
        void pkcs1BlockWithGarbageDerIsRefused() {
            String pem = pem("RSA PRIVATE KEY", new byte[] { 0x30, 0x03, 0x02, 0x01, 0x00, 0x11, 0x22, 0x33, 0x44,
                    0x55, 0x66, 0x77, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c,
                    0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c,
                    0x1d, 0x1e, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a });

            assertThatThrownBy(() -> PemKeys.privateKey(pem)).isInstanceOf(KeyMaterialException.class)
                .hasMessageContaining("does not hold a readable RSA key");
        }
    }

    @Nested
    class PrivateKeys {

        @Test
        void generatedPkcs8KeyReadsBack() {
            KeyPair pair = TestMaterial.rsa(2048);

            assertThat(PemKeys.privateKey(pkcs8Pem(pair.getPrivate())).getEncoded())
                .isEqualTo(pair.getPrivate().getEncoded());
        }

        @Test
        void toleratesCrlfIndentationAndSurroundingText() {
            String pem = vectorText("merchant-test-private-key.pem");
            String messy = "# apiclient_key.pem\r\n  " + pem.replace("\n", "\r\n    ") + "\r\n trailing words";

            assertThat(PemKeys.privateKey(messy).getEncoded())
                .isEqualTo(TestMaterial.merchantPrivateKey().getEncoded());
        }

        @Test
        void toleratesBase64OnOneLine() {
            String pem = vectorText("merchant-test-private-key.pem");
            String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            String oneLine = "-----BEGIN PRIVATE KEY-----" + body + "-----END PRIVATE KEY-----";

            assertThat(PemKeys.privateKey(oneLine).getEncoded())
                .isEqualTo(TestMaterial.merchantPrivateKey().getEncoded());
        }

        @Test
        void ecPkcs8KeyIsRefusedAsNotRsa() throws Exception {
            KeyPair ec = ecKeyPair();
            String pem = pkcs8Pem(ec.getPrivate());

            KeyMaterialException thrown = catchThrowableOfType(KeyMaterialException.class,
                    () -> PemKeys.privateKey(pem));

            assertThat(thrown).hasMessageContaining("EC key").hasMessageContaining("RSA");
            assertNoKeyText(thrown, pem);
        }

        @Test
        void sec1EcPrivateKeyBlockIsRefusedAsNotRsa() throws Exception {
            String pem = pem("EC PRIVATE KEY", TestMaterial.innerPrivateKey(ecKeyPair().getPrivate().getEncoded()));

            KeyMaterialException thrown = catchThrowableOfType(KeyMaterialException.class,
                    () -> PemKeys.privateKey(pem));

            assertThat(thrown).hasMessageContaining("EC key").hasMessageContaining("RSA");
            assertNoKeyText(thrown, pem);
        }

        @Test
        void ed25519KeyIsRefusedAsNotRsa() {
            String pem = pkcs8Pem(TestMaterial.generate("Ed25519", 0).getPrivate());

            KeyMaterialException thrown = catchThrowableOfType(KeyMaterialException.class,
                    () -> PemKeys.privateKey(pem));

            // the JDK names Ed25519 keys "EdDSA"
            assertThat(thrown).hasMessageContaining("RSA");
            assertThat(thrown.getMessage()).containsAnyOf("Ed25519", "EdDSA");
        }

        @Test
        void rsa1024Pkcs8KeyIsRefused() {
            String pem = pkcs8Pem(TestMaterial.rsa(1024).getPrivate());

            KeyMaterialException thrown = catchThrowableOfType(KeyMaterialException.class,
                    () -> PemKeys.privateKey(pem));

            assertThat(thrown).hasMessageContaining("RSA-1024").hasMessageContaining("at least RSA-2048");
            assertNoKeyText(thrown, pem);
        }

        @Test
        void encryptedPrivateKeyIsRefusedWithAHint() {
            String pem = text("generated/merchant-test-private-key-encrypted.pem");
            assertThat(pem).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");

            KeyMaterialException thrown = catchThrowableOfType(KeyMaterialException.class,
                    () -> PemKeys.privateKey(pem));

            assertThat(thrown).hasMessageContaining("encrypted").hasMessageContaining("ENCRYPTED PRIVATE KEY");
            assertNoKeyText(thrown, pem);
        }

        @Test
        void certificateGivenAsPrivateKeyIsRefusedNamingTheBlockType() {
            String pem = vectorText("platform-test-certificate.pem");

            KeyMaterialException thrown = catchThrowableOfType(KeyMaterialException.class,
                    () -> PemKeys.privateKey(pem));

            assertThat(thrown).hasMessageContaining("'CERTIFICATE'").hasMessageContaining("PRIVATE KEY");
            assertNoKeyText(thrown, pem);
        }

        @Test
        void publicKeyGivenAsPrivateKeyIsRefused() {
            String pem = vectorText("merchant-test-public-key.pem");

            assertThatThrownBy(() -> PemKeys.privateKey(pem)).isInstanceOf(KeyMaterialException.class)
                .hasMessageContaining("'PUBLIC KEY'");
        }

        @Test
        void publicKeyDerInAPrivateKeyBlockIsRefused() {
            String pem = pem("PRIVATE KEY", TestMaterial.merchantPublicKey().getEncoded());

            KeyMaterialException thrown = catchThrowableOfType(KeyMaterialException.class,
                    () -> PemKeys.privateKey(pem));

            assertThat(thrown).hasMessageContaining("private key");
            assertNoKeyText(thrown, pem);
        }

        @Test
        void mismatchedEndLineIsNotPem() {
            String pem = vectorText("merchant-test-private-key.pem").replace("-----END PRIVATE KEY-----",
                    "-----END PUBLIC KEY-----");

            KeyMaterialException thrown = catchThrowableOfType(KeyMaterialException.class,
                    () -> PemKeys.privateKey(pem));

            assertThat(thrown).hasMessageContaining("not PEM");
            assertNoKeyText(thrown, vectorText("merchant-test-private-key.pem"));
        }

        @Test
        void truncatedKeyIsRefusedWithoutShowingIt() {
            String full = vectorText("merchant-test-private-key.pem");
            String[] lines = full.split("\n");
            // drop the middle lines: still valid Base64 (whole 64-character lines), no longer a key
            String truncated = lines[0] + "\n" + lines[1] + "\n" + lines[2] + "\n" + lines[lines.length - 1] + "\n";

            KeyMaterialException thrown = catchThrowableOfType(KeyMaterialException.class,
                    () -> PemKeys.privateKey(truncated));

            assertThat(thrown).hasMessageContaining("does not hold a readable RSA key");
            assertNoKeyText(thrown, full);
        }
    }

    @Nested
    class Garbage {

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = { "", "   ", "\n\t\r\n" })
        void emptyTextIsRefused(String pem) {
            assertThatThrownBy(() -> PemKeys.privateKey(pem)).isInstanceOf(KeyMaterialException.class)
                .hasMessageContaining("private key is empty");
            assertThatThrownBy(() -> PemKeys.publicKey(pem)).isInstanceOf(KeyMaterialException.class)
                .hasMessageContaining("public key is empty");
            assertThatThrownBy(() -> PemKeys.certificate(pem)).isInstanceOf(KeyMaterialException.class)
                .hasMessageContaining("certificate is empty");
        }

        @ParameterizedTest
        @ValueSource(strings = { "not a pem at all", "classpath:apiclient_key.pem",
                "-----BEGIN PRIVATE KEY-----\n@@@@ not base64 @@@@\n-----END PRIVATE KEY-----",
                "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC",
                "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ",
                "-----BEGIN private key-----\nAAAA\n-----END private key-----" })
        void textWithoutPemBlockIsRefused(String pem) {
            assertThatThrownBy(() -> PemKeys.privateKey(pem)).isInstanceOf(KeyMaterialException.class)
                .hasMessageContaining("not PEM");
            assertThatThrownBy(() -> PemKeys.publicKey(pem)).isInstanceOf(KeyMaterialException.class)
                .hasMessageContaining("not PEM");
            assertThatThrownBy(() -> PemKeys.certificate(pem)).isInstanceOf(KeyMaterialException.class)
                .hasMessageContaining("not PEM");
        }

        @Test
        void invalidBase64InsideTheBlockIsRefused() {
            String pem = "-----BEGIN PRIVATE KEY-----\nMIIE=vQIBADAN\n-----END PRIVATE KEY-----\n";

            assertThatThrownBy(() -> PemKeys.privateKey(pem)).isInstanceOf(KeyMaterialException.class)
                .hasMessageContaining("not valid Base64");
        }

        @ParameterizedTest
        @ValueSource(strings = { "PRIVATE KEY", "RSA PRIVATE KEY", "PUBLIC KEY", "CERTIFICATE" })
        void validBase64ThatIsNotDerIsRefused(String type) {
            String pem = pem(type, TestMaterial.utf8("this is just some text, it is not a key at all ........"));

            assertThatThrownBy(() -> {
                switch (type) {
                    case "PUBLIC KEY" -> PemKeys.publicKey(pem);
                    case "CERTIFICATE" -> PemKeys.certificate(pem);
                    default -> PemKeys.privateKey(pem);
                }
            }).isInstanceOf(KeyMaterialException.class);
        }

        @Test
        void unknownBlockTypeIsRefusedNamingIt() {
            String pem = pem("DSA PRIVATE KEY", new byte[64]);

            assertThatThrownBy(() -> PemKeys.privateKey(pem)).isInstanceOf(KeyMaterialException.class)
                .hasMessageContaining("'DSA PRIVATE KEY'");
        }

        @Test
        void looksLikePem() {
            assertThat(PemKeys.looksLikePem(vectorText("platform-test-certificate.pem"))).isTrue();
            assertThat(PemKeys.looksLikePem("classpath:apiclient_key.pem")).isFalse();
            assertThat(PemKeys.looksLikePem("")).isFalse();
        }
    }

    @Nested
    class PublicKeys {

        @Test
        void generatedPublicKeyReadsBack() {
            KeyPair pair = TestMaterial.rsa(2048);

            assertThat(PemKeys.publicKey(publicPem(pair.getPublic()))).isEqualTo(pair.getPublic());
        }

        @Test
        void ecPublicKeyIsRefusedAsNotRsa() throws Exception {
            String pem = publicPem(ecKeyPair().getPublic());

            KeyMaterialException thrown = catchThrowableOfType(KeyMaterialException.class,
                    () -> PemKeys.publicKey(pem));

            assertThat(thrown).hasMessageContaining("public key is an EC key").hasMessageContaining("RSA");
            assertNoKeyText(thrown, pem);
        }

        @Test
        void rsa1024PublicKeyIsRefused() {
            String pem = publicPem(TestMaterial.rsa(1024).getPublic());

            KeyMaterialException thrown = catchThrowableOfType(KeyMaterialException.class,
                    () -> PemKeys.publicKey(pem));

            assertThat(thrown).hasMessageContaining("RSA-1024").hasMessageContaining("2048");
            assertNoKeyText(thrown, pem);
        }

        @Test
        void privateKeyGivenAsPublicKeyIsRefusedWithoutShowingIt() {
            String pem = vectorText("merchant-test-private-key.pem");

            KeyMaterialException thrown = catchThrowableOfType(KeyMaterialException.class,
                    () -> PemKeys.publicKey(pem));

            assertThat(thrown).hasMessageContaining("'PRIVATE KEY'");
            assertNoKeyText(thrown, pem);
        }

        @Test
        void pkcs1PublicKeyBlockIsRefusedNamingIt() {
            String pem = pem("RSA PUBLIC KEY", new byte[270]);

            assertThatThrownBy(() -> PemKeys.publicKey(pem)).isInstanceOf(KeyMaterialException.class)
                .hasMessageContaining("'RSA PUBLIC KEY'");
        }
    }

    @Nested
    class Certificates {

        @Test
        void readsTheVectorCertificate() {
            X509Certificate certificate = PemKeys.certificate(vectorText("platform-test-certificate.pem"));

            assertThat(certificate.getSubjectX500Principal().getName()).contains("Discount Card Test Platform");
            assertThat(PemKeys.serialNumber(certificate)).isEqualTo(TestMaterial.PLATFORM_SERIAL);
        }

        @Test
        void serialOfAnotherCertificateIsUpperCaseHex() {
            X509Certificate certificate = PemKeys.certificate(text("generated/platform-second-certificate.pem"));

            assertThat(PemKeys.serialNumber(certificate)).isEqualTo("1A2B3C4D5E6F7081");
        }

        @Test
        void readsEveryCertificateOfABundleAndSkipsOtherBlocks() {
            String bundle = vectorText("platform-test-private-key.pem") + vectorText("platform-test-certificate.pem")
                    + text("generated/platform-second-certificate.pem");

            List<X509Certificate> certificates = PemKeys.certificates(bundle);

            assertThat(certificates).extracting(PemKeys::serialNumber)
                .containsExactly("5F3A9C01D2E4B6A8", "1A2B3C4D5E6F7081");
            assertThat(PemKeys.serialNumber(PemKeys.certificate(bundle))).isEqualTo("5F3A9C01D2E4B6A8");
        }

        @Test
        void textWithoutCertificateBlockIsRefused() {
            String pem = vectorText("platform-test-public-key.pem");

            assertThatThrownBy(() -> PemKeys.certificate(pem)).isInstanceOf(KeyMaterialException.class)
                .hasMessageContaining("'CERTIFICATE' but found none");
        }

        @Test
        void rsa1024CertificateIsRefused() {
            String pem = text("generated/rsa1024-certificate.pem");

            KeyMaterialException thrown = catchThrowableOfType(KeyMaterialException.class,
                    () -> PemKeys.certificate(pem));

            assertThat(thrown).hasMessageContaining("certificate B1024").hasMessageContaining("RSA-1024");
            assertNoKeyText(thrown, pem);
        }

        @Test
        void ecCertificateIsRefused() {
            String pem = text("generated/ec-certificate.pem");

            KeyMaterialException thrown = catchThrowableOfType(KeyMaterialException.class,
                    () -> PemKeys.certificate(pem));

            assertThat(thrown).hasMessageContaining("EC key").hasMessageContaining("RSA");
            assertNoKeyText(thrown, pem);
        }

        @Test
        void corruptCertificateIsRefused() {
            String good = vectorText("platform-test-certificate.pem");
            String[] lines = good.split("\n");
            String corrupt = lines[0] + "\n" + lines[1] + "\n" + lines[2] + "\n" + lines[lines.length - 1] + "\n";

            assertThatThrownBy(() -> PemKeys.certificate(corrupt)).isInstanceOf(KeyMaterialException.class)
                .hasMessageContaining("not a readable X.509 certificate");
        }
    }

    static KeyPair ecKeyPair() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
