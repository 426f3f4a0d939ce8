package io.github.discountcard.core;

import java.nio.ByteBuffer;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Signs merchant requests with WECHATPAY2-SHA256-RSA2048 and builds the {@code Authorization} header.
 * <p>
 * The signed message is {@code METHOD\nTARGET\nTIMESTAMP\nNONCE\nBODY\n}, where TARGET is the exact
 * (percent-encoded) request target and BODY the exact bytes sent. Every call draws a fresh nonce and
 * timestamp, so retries are signed afresh. Thread-safe; build one per merchant and share it.
 */
public final class RequestSigner {

    /** The authentication scheme of the {@code Authorization} header. */
    public static final String SCHEME = "WECHATPAY2-SHA256-RSA2048";

    private static final char[] NONCE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
        .toCharArray();

    private static final int NONCE_LENGTH = 32;

    private static final byte[] NEWLINE = { '\n' };

    private final String mchId;

    private final String serialNumber;

    private final Clock clock;

    private final SignaturePool signatures;

    private final SecureRandom random = new SecureRandom();

    /** A signer on the JDK's default provider and the system clock. */
    public RequestSigner(String mchId, String serialNumber, PrivateKey privateKey) {
        this(mchId, serialNumber, privateKey, Clock.systemUTC(), null);
    }

    /**
     * @param mchId the merchant id ({@code mchid})
     * @param serialNumber the merchant API certificate serial number
     * @param privateKey the merchant API private key (RSA, 2048 bits or more)
     * @param clock the source of the signed timestamp
     * @param provider the JCA provider to sign with, or {@code null} for the JDK's choice
     */
    public RequestSigner(String mchId, String serialNumber, PrivateKey privateKey, Clock clock,
            @Nullable Provider provider) {
        this.mchId = requireText(mchId, "mchId");
        this.serialNumber = requireText(serialNumber, "serialNumber");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signatures = SignaturePool.forSigning(Objects.requireNonNull(privateKey, "privateKey"), provider);
    }

    public String mchId() {
        return this.mchId;
    }

    public String serialNumber() {
        return this.serialNumber;
    }

    /**
     * Signs one request and returns the {@code Authorization} header value.
     * @param method the HTTP method, e.g. {@code PATCH}
     * @param requestTarget the path and query exactly as sent, e.g. {@code /v3/discount-card/orders/abc}
     * @param body the exact body bytes sent; empty for a request without a body
     */
    public String authorization(String method, String requestTarget, byte[] body) {
        return authorization(method, requestTarget, body, null);
    }

    /**
     * Signs one request whose body is held in buffers (e.g. a network buffer about to be written), without
     * copying it. The body is the {@linkplain ByteBuffer#remaining() remaining} bytes of the buffers, in order;
     * their positions and limits are left as they were.
     * @param method the HTTP method, e.g. {@code PATCH}
     * @param requestTarget the path and query exactly as sent
     * @param body the exact body bytes sent; no buffers (or only empty ones) for a request without a body
     */
    public String authorization(String method, String requestTarget, ByteBuffer... body) {
        return authorization(method, requestTarget, null, body);
    }

    private String authorization(String method, String requestTarget, byte @Nullable [] body,
            ByteBuffer @Nullable [] buffers) {
        String nonce = nonce();
        String timestamp = Long.toString(this.clock.instant().getEpochSecond());
        String signature = signParts(SignedMessages.lines(method, requestTarget, timestamp, nonce), body, buffers);
        return SCHEME + " mchid=\"" + this.mchId + "\",nonce_str=\"" + nonce + "\",timestamp=\"" + timestamp
                + "\",serial_no=\"" + this.serialNumber + "\",signature=\"" + signature + "\"";
    }

    /** The Base64 signature over one request's message; {@link #authorization} is the usual entry point. */
    public String sign(String method, String requestTarget, long timestamp, String nonce, byte[] body) {
        return signParts(SignedMessages.lines(method, requestTarget, Long.toString(timestamp), nonce), body, null);
    }

    /** The Base64 signature over a complete message (used by known-answer tests and simulators). */
    public String signMessage(byte[] message) {
        Signature signature = this.signatures.acquire();
        try {
            signature.update(message);
            return finish(signature);
        }
        catch (SignatureException ex) {
            throw failed(ex);
        }
    }

    private String signParts(byte[] head, byte @Nullable [] body, ByteBuffer @Nullable [] buffers) {
        Signature signature = this.signatures.acquire();
        try {
            signature.update(head);
            if (body != null) {
                signature.update(body);
            }
            if (buffers != null) {
                for (ByteBuffer buffer : buffers) {
                    signature.update(buffer.duplicate()); // update() consumes: leave the caller's position alone
                }
            }
            signature.update(NEWLINE);
            return finish(signature);
        }
        catch (SignatureException ex) {
            throw failed(ex);
        }
    }

    private String finish(Signature signature) throws SignatureException {
        String result = Base64.getEncoder().encodeToString(signature.sign());
        this.signatures.release(signature); // only after a completed sign(): back in its initialised state
        return result;
    }

    private static CryptoException failed(SignatureException ex) {
        return new CryptoException("Signing the request failed: " + ex.getClass().getSimpleName(), ex);
    }

    /** 32 characters of [A-Za-z0-9] drawn from {@link SecureRandom}. */
    String nonce() {
        char[] nonce = new char[NONCE_LENGTH];
        byte[] bytes = new byte[NONCE_LENGTH + 8];
        int filled = 0;
        while (filled < NONCE_LENGTH) {
            this.random.nextBytes(bytes);
            for (int i = 0; i < bytes.length && filled < NONCE_LENGTH; i++) {
                int index = bytes[i] & 0x3f;
                if (index < NONCE_ALPHABET.length) { // rejection sampling keeps the draw uniform
                    nonce[filled++] = NONCE_ALPHABET[index];
                }
            }
        }
        return new String(nonce);
    }

    static String requireText(@Nullable String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    @Override
    public String toString() {
        return "RequestSigner[mchId=" + this.mchId + ", serialNumber=" + this.serialNumber + ", privateKey=******]";
    }
}
