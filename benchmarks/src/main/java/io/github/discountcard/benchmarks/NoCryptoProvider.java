package io.github.discountcard.benchmarks;

import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SignatureSpi;

/**
 * A {@code SHA256withRSA} that does nothing: signs with 256 zero bytes and accepts every signature. Only for the
 * benchmark's {@code ours-none} and {@code floor-none} clients, which measure what the client costs besides the
 * crypto, free of the signature's run-to-run variation. Never installed JVM-wide; passed to those two clients only.
 */
final class NoCryptoProvider extends Provider {

    private static final long serialVersionUID = 1L;

    NoCryptoProvider() {
        super("NoCrypto", "1", "SHA256withRSA that signs nothing and accepts everything (benchmark only)");
        put("Signature.SHA256withRSA", NoSignature.class.getName());
    }

    /** Public with a public constructor: the JCA instantiates it by reflection. */
    public static final class NoSignature extends SignatureSpi {

        public NoSignature() {
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) {
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) {
        }

        @Override
        protected void engineUpdate(byte b) {
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) {
        }

        @Override
        protected byte[] engineSign() {
            return new byte[256];
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) {
            return true;
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            return null;
        }
    }
}
