package io.github.discountcard.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * RSA-OAEP (SHA-1, MGF1-SHA-1) for sensitive request fields: encrypt under the platform key, decrypt with
 * its private key (simulators, tests). Output and input are Base64.
 */
public final class RsaOaep {

    private static final String TRANSFORMATION = "RSA/ECB/OAEPWithSHA-1AndMGF1Padding";

    // explicit parameters, so every provider agrees on SHA-1 for both the digest and MGF1
    private static final OAEPParameterSpec PARAMETERS = new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1,
            PSource.PSpecified.DEFAULT);

    private RsaOaep() {
    }

    public static String encrypt(PublicKey key, String plaintext) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, PARAMETERS);
            return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException ex) {
            throw new CryptoException("RSA-OAEP encryption failed: " + ex.getClass().getSimpleName()
                    + " (the text may be longer than the key allows)", ex);
        }
    }

    public static String decrypt(PrivateKey key, String ciphertextBase64) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, PARAMETERS);
            return new String(cipher.doFinal(Base64.getDecoder().decode(ciphertextBase64)), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException ex) {
            throw new CryptoException("The RSA-OAEP ciphertext is not valid Base64");
        }
        catch (GeneralSecurityException ex) {
            throw new CryptoException("RSA-OAEP decryption failed: " + ex.getClass().getSimpleName(), ex);
        }
    }
}
