package io.github.discountcard.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.ProviderException;
import java.util.Base64;
import java.util.concurrent.ConcurrentLinkedQueue;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AEAD_AES_256_GCM with the merchant's APIv3 key: decrypts platform certificates and callback resources
 * (and encrypts, for simulators and tests). Ciphertexts are Base64 of ciphertext ‖ 16-byte tag.
 * <p>
 * Thread-safe. {@link Cipher} objects are pooled: creating one per call costs several times the decryption.
 */
public final class AeadAesGcm {

    /** The APIv3 key length in bytes (UTF-8). */
    public static final int KEY_LENGTH = 32;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private static final int TAG_BITS = 128;

    private static final int MAX_IDLE = 16;

    private final SecretKeySpec key;

    private final ConcurrentLinkedQueue<Cipher> idle = new ConcurrentLinkedQueue<>();

    /**
     * @param apiV3Key the 32-character APIv3 key set in the merchant platform
     * @throws KeyMaterialException when the key is not 32 bytes in UTF-8 (the message never shows the key)
     */
    public AeadAesGcm(String apiV3Key) {
        if (apiV3Key == null) {
            throw new KeyMaterialException("The APIv3 key is missing: expected 32 bytes");
        }
        byte[] bytes = apiV3Key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length != KEY_LENGTH) {
            throw new KeyMaterialException("The APIv3 key must be exactly " + KEY_LENGTH + " bytes (UTF-8) but is "
                    + bytes.length + " bytes long");
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    /** Decrypts a Base64 ciphertext (ct ‖ tag); {@code associatedData} may be empty. */
    public byte[] decrypt(String associatedData, String nonce, String ciphertextBase64) {
        byte[] ciphertext;
        try {
            ciphertext = Base64.getDecoder().decode(ciphertextBase64);
        }
        catch (IllegalArgumentException ex) {
            throw new CryptoException("The AEAD_AES_256_GCM ciphertext is not valid Base64");
        }
        if (ciphertext.length < TAG_BITS / 8) {
            // the JDK's GCM throws ProviderException (not a GeneralSecurityException) on input shorter than the tag
            throw new CryptoException("The AEAD_AES_256_GCM ciphertext is " + ciphertext.length
                    + " bytes long, shorter than its " + (TAG_BITS / 8) + "-byte tag");
        }
        byte[] iv = nonceBytes(nonce); // before acquire(), so a bad nonce does not lose a pooled Cipher
        Cipher cipher = acquire();
        try {
            cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] plaintext = cipher.doFinal(ciphertext);
            release(cipher);
            return plaintext;
        }
        catch (AEADBadTagException ex) {
            release(cipher);
            throw new CryptoException("AEAD_AES_256_GCM authentication failed: wrong APIv3 key, nonce, "
                    + "associated data or a tampered ciphertext");
        }
        catch (GeneralSecurityException | ProviderException ex) {
            // the Cipher is in an unknown state: drop it
            throw new CryptoException("AEAD_AES_256_GCM decryption failed: " + ex.getClass().getSimpleName(), ex);
        }
    }

    /** Decrypts to UTF-8 text (a certificate PEM, a callback resource JSON). */
    public String decryptToString(String associatedData, String nonce, String ciphertextBase64) {
        return new String(decrypt(associatedData, nonce, ciphertextBase64), StandardCharsets.UTF_8);
    }

    /** Encrypts and returns Base64 of ct ‖ tag. Never reuse a nonce with the same key. */
    public String encrypt(String associatedData, String nonce, byte[] plaintext) {
        try {
            // a fresh Cipher: GCM refuses to re-initialise for encryption with a key and IV it has seen
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, nonceBytes(nonce)));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext));
        }
        catch (GeneralSecurityException | ProviderException ex) {
            throw new CryptoException("AEAD_AES_256_GCM encryption failed: " + ex.getClass().getSimpleName(), ex);
        }
    }

    private static byte[] nonceBytes(String nonce) {
        byte[] bytes = nonce.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            throw new CryptoException("The AEAD_AES_256_GCM nonce is empty");
        }
        return bytes;
    }

    private Cipher acquire() {
        Cipher cipher = this.idle.poll();
        if (cipher != null) {
            return cipher;
        }
        try {
            return Cipher.getInstance(TRANSFORMATION);
        }
        catch (GeneralSecurityException ex) {
            throw new CryptoException(TRANSFORMATION + " is not available on this JVM", ex);
        }
    }

    private void release(Cipher cipher) {
        if (this.idle.size() < MAX_IDLE) {
            this.idle.offer(cipher);
        }
    }

    @Override
    public String toString() {
        return "AeadAesGcm[apiV3Key=******]";
    }
}
