package io.github.discountcard.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.discountcard.client.WebClientDiscountCardClient;
import io.github.discountcard.client.model.DiscountCardOrder;
import io.github.discountcard.core.RequestSigner;
import io.github.discountcard.core.ResponseSignature;
import io.github.discountcard.core.ResponseVerifier;
import io.github.discountcard.core.VerificationKey;
import io.github.discountcard.core.VerificationKeys;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.AbstractClientHttpRequest;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Our client's own layer against the load benchmark's floor (raw WebClient + sign + verify + Jackson), one thread,
 * with no network, pool or event loop in the way: both send through the same in-memory exchange, which writes the
 * request (so a signature made at write time is paid for) and answers with the canned order, signed headers
 * included. Neither does any crypto ({@link NoCryptoProvider}). What {@code ours} costs beyond {@code floor} here is
 * the layer's CPU with nothing else moving, measured in turn in short rounds of the one thread's CPU time, so that the machine's drift
 * shifts both alike and the difference resolves well below the few microseconds the load benchmark's rounds can.
 */
final class LayerBenchmarks {

    private Supplier<DiscountCardOrder> ours;

    private Supplier<DiscountCardOrder> floor;

    LayerBenchmarks() {
        KeyPair merchant = Fixtures.rsa2048();
        KeyPair platform = Fixtures.rsa2048();
        NoCryptoProvider none = new NoCryptoProvider();
        Instant now = Instant.now();
        RequestSigner signer = Fixtures.signer(merchant.getPrivate(), none);
        // a fixed clock keeps the canned answer's timestamp inside the window however long the trial runs
        ResponseVerifier verifier = new ResponseVerifier(new VerificationKeys(List.of(
                VerificationKey.publicKey(Fixtures.PUBLIC_KEY_ID, platform.getPublic(), none))),
                Clock.fixed(now, ZoneOffset.UTC), Duration.ofMinutes(5));
        ExchangeFunction exchange = new CannedExchange(Long.toString(now.getEpochSecond()));
        String baseUrl = "http://127.0.0.1:8080";

        WebClientDiscountCardClient client = WebClientDiscountCardClient.builder()
            .baseUrl(baseUrl)
            .signer(signer)
            .verifier(verifier)
            .webClientBuilder(WebClient.builder().exchangeFunction(exchange))
            .build();
        this.ours = () -> client.getOrder(Fixtures.ORDER_NO).block();

        // as LoadBenchmark's floor client: a filter that signs, the answer read as bytes, verified and decoded
        JsonMapper json = JsonMapper.builder().build();
        byte[] noBody = new byte[0];
        WebClient webClient = WebClient.builder()
            .exchangeFunction(exchange)
            .defaultHeaders((headers) -> headers.setAccept(List.of(MediaType.APPLICATION_JSON)))
            .filter((request, next) -> next.exchange(ClientRequest.from(request)
                .header(HttpHeaders.AUTHORIZATION,
                        signer.authorization(request.method().name(), request.url().getRawPath(), noBody))
                .build()))
            .build();
        URI uri = URI.create(baseUrl + Fixtures.ORDERS_PATH + Fixtures.ORDER_NO);
        this.floor = () -> webClient.get().uri(uri)
            .exchangeToMono((response) -> response.bodyToMono(byte[].class).map((body) -> {
                verifier.verify(ResponseSignature.from(response.headers().asHttpHeaders()::getFirst), body);
                return json.readValue(body, DiscountCardOrder.class);
            }))
            .block();
        // fail the trial early if either is off
        if (!Fixtures.ORDER_NO.equals(this.ours.get().outOrderNo())
                || !Fixtures.ORDER_NO.equals(this.floor.get().outOrderNo())) {
            throw new IllegalStateException("A client read the canned order wrongly");
        }
    }

    /**
     * Warms both up, then measures them in turn, {@code rounds} times {@code roundMillis} each, in the calling
     * thread's CPU time, and prints ours minus floor per call round by round with its mean and 95% interval.
     */
    void run(int rounds, long roundMillis, long warmupSeconds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds);
        while (System.nanoTime() < warmupEnd) {
            perCall(threads, this.ours, 100);
            perCall(threads, this.floor, 100);
        }
        double[] differences = new double[rounds];
        double oursSum = 0;
        double floorSum = 0;
        System.out.printf(Locale.ROOT, "%-6s %12s %12s %12s%n", "round", "ours ns", "floor ns", "ours-floor");
        for (int round = 0; round < rounds; round++) {
            // alternate which goes first, so neither always follows the other's garbage
            double oursNs;
            double floorNs;
            if (round % 2 == 0) {
                oursNs = perCall(threads, this.ours, roundMillis);
                floorNs = perCall(threads, this.floor, roundMillis);
            }
            else {
                floorNs = perCall(threads, this.floor, roundMillis);
                oursNs = perCall(threads, this.ours, roundMillis);
            }
            differences[round] = oursNs - floorNs;
            oursSum += oursNs;
            floorSum += floorNs;
            System.out.printf(Locale.ROOT, "%-6d %12.0f %12.0f %+12.0f%n", round + 1, oursNs, floorNs,
                    differences[round]);
        }
        double[] interval = RoundRatios.meanWithInterval(differences);
        System.out.printf(Locale.ROOT, "mean   %12.0f %12.0f %+12.0f  (95%% interval %+.0f to %+.0f ns per call)%n",
                oursSum / rounds, floorSum / rounds, interval[0], interval[1], interval[2]);
        double oursBytes = bytesPerCall(this.ours);
        double floorBytes = bytesPerCall(this.floor);
        System.out.printf(Locale.ROOT, "bytes  %12.0f %12.0f %+12.0f  (allocated per call by the thread)%n",
                oursBytes, floorBytes, oursBytes - floorBytes);
    }

    /** The bytes the calling thread allocates per call of {@code client}, over 10,000 calls. */
    private static double bytesPerCall(Supplier<DiscountCardOrder> client) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
            .getThreadMXBean();
        int calls = 10_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < calls; i++) {
            client.get();
        }
        return (double) (threads.getCurrentThreadAllocatedBytes() - before) / calls;
    }

    /** Calls {@code client} for about {@code millis} and answers the thread's CPU time per call, in ns. */
    private static double perCall(ThreadMXBean threads, Supplier<DiscountCardOrder> client, long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long cpuStart = threads.getCurrentThreadCpuTime();
        long calls = 0;
        int sink = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 50; i++) {
                sink += client.get().outOrderNo().length();
            }
            calls += 50;
        }
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        if (sink == 42) { // never: keeps the answers alive to the JIT
            System.out.print("");
        }
        return (double) cpu / calls;
    }

    /**
     * Writes each request to a sink that drops it, then answers 200 with the canned order and the headers a signed
     * answer carries (the signature is any base64: nothing checks it).
     */
    private static final class CannedExchange implements ExchangeFunction {

        private static final DataBufferFactory BUFFERS = DefaultDataBufferFactory.sharedInstance;

        private static final String SIGNATURE = Base64.getEncoder().encodeToString(new byte[256]);

        private final String timestamp;

        CannedExchange(String timestamp) {
            this.timestamp = timestamp;
        }

        @Override
        public Mono<ClientResponse> exchange(ClientRequest request) {
            return request.writeTo(new DroppingRequest(request.method(), request.url()),
                    org.springframework.web.reactive.function.client.ExchangeStrategies.withDefaults())
                .then(Mono.fromSupplier(() -> ClientResponse.create(HttpStatus.OK)
                    .headers((headers) -> {
                        headers.setContentType(MediaType.APPLICATION_JSON);
                        headers.set("Request-ID", "08F78BB5AF0610D6D2B6A9E0D44A2B2C");
                        headers.set(ResponseSignature.SERIAL_HEADER, Fixtures.PUBLIC_KEY_ID);
                        headers.set(ResponseSignature.TIMESTAMP_HEADER, this.timestamp);
                        headers.set(ResponseSignature.NONCE_HEADER, "RESPNONCE0123456789ABCDEFGHIJKL");
                        headers.set(ResponseSignature.SIGNATURE_HEADER, SIGNATURE);
                    })
                    .body(Flux.just(BUFFERS.wrap(Fixtures.ORDER_JSON)))
                    .build()));
        }
    }

    private static final class DroppingRequest extends AbstractClientHttpRequest {

        private final HttpMethod method;

        private final URI uri;

        DroppingRequest(HttpMethod method, URI uri) {
            this.method = method;
            this.uri = uri;
        }

        @Override
        public HttpMethod getMethod() {
            return this.method;
        }

        @Override
        public URI getURI() {
            return this.uri;
        }

        @Override
        public DataBufferFactory bufferFactory() {
            return DefaultDataBufferFactory.sharedInstance;
        }

        @Override
        public <T> T getNativeRequest() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            return doCommit(() -> Flux.from(body).doOnNext(DataBufferUtils::release).then());
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            return writeWith(Flux.from(body).concatMap(Flux::from));
        }

        @Override
        public Mono<Void> setComplete() {
            return doCommit();
        }

        @Override
        protected void applyHeaders() {
        }

        @Override
        protected void applyCookies() {
        }
    }
}
