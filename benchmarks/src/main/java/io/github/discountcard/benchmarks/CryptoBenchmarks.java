package io.github.discountcard.benchmarks;

import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.Provider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.discountcard.core.CryptoProviders;
import io.github.discountcard.core.RequestSigner;
import io.github.discountcard.core.ResponseSignature;
import io.github.discountcard.core.ResponseVerifier;
import io.github.discountcard.core.VerificationKey;
import io.github.discountcard.core.VerificationKeys;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-request crypto of the client, one thread, on the JDK's provider and on ACCP: signing a GET
 * (empty body) and a PATCH (a body in a buffer, as the signing filter passes it), building the whole
 * {@code Authorization} header, and verifying a signed order response. Run with the GC profiler to see
 * the bytes allocated per operation.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class CryptoBenchmarks {

    private static final String TARGET = Fixtures.ORDERS_PATH + Fixtures.ORDER_NO;

    private static final byte[] NO_BODY = new byte[0];

    @Param({ "jdk", "accp" })
    public String provider;

    private RequestSigner signer;

    private ByteBuffer updateBody;

    private ResponseVerifier verifier;

    private ResponseSignature responseHeaders;

    @Setup
    public void setUp() {
        Provider chosen = CryptoProviders.resolve(this.provider);
        KeyPair merchant = Fixtures.rsa2048();
        KeyPair platform = Fixtures.rsa2048();
        this.signer = new RequestSigner(Fixtures.MCH_ID, Fixtures.MERCHANT_SERIAL, merchant.getPrivate(),
                Clock.systemUTC(), chosen);
        this.updateBody = ByteBuffer.wrap(Fixtures.UPDATE_JSON).asReadOnlyBuffer(); // like a network buffer view

        Instant now = Instant.now();
        String timestamp = Long.toString(now.getEpochSecond());
        String nonce = "RESPNONCE0123456789ABCDEFGHIJKL";
        this.responseHeaders = new ResponseSignature(Fixtures.PUBLIC_KEY_ID, timestamp, nonce,
                Fixtures.signResponse(platform.getPrivate(), timestamp, nonce, Fixtures.ORDER_JSON));
        this.verifier = new ResponseVerifier(
                new VerificationKeys(List.of(VerificationKey.publicKey(Fixtures.PUBLIC_KEY_ID, platform.getPublic(),
                        chosen))),
                Clock.fixed(now, ZoneOffset.UTC), Duration.ofMinutes(5));
        this.verifier.verify(this.responseHeaders, Fixtures.ORDER_JSON); // fails the trial early if anything is off
    }

    @Benchmark
    public String signGet() {
        return this.signer.authorization("GET", TARGET, NO_BODY);
    }

    @Benchmark
    public String signPatch() {
        return this.signer.authorization("PATCH", TARGET, this.updateBody);
    }

    @Benchmark
    public VerificationKey verifyResponse() {
        return this.verifier.verify(this.responseHeaders, Fixtures.ORDER_JSON);
    }
}
