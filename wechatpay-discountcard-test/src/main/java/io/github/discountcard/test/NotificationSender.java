package io.github.discountcard.test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Posts notifications over HTTP (Reactor Netty, on its own event loops made on first use) with at most
 * {@code maxInFlight} requests at once; the rest wait in line. {@link #close()} frees the loops and connections.
 */
final class NotificationSender implements AutoCloseable {

    private static final int MAX_REPLY_CHARS = 4096;

    private final ConcurrentLinkedQueue<Supplier<Mono<Void>>> waiting = new ConcurrentLinkedQueue<>();

    private final AtomicInteger inFlight = new AtomicInteger();

    private volatile int maxInFlight = 64;

    private volatile Duration responseTimeout = Duration.ofSeconds(5);

    private @Nullable LoopResources loops;

    private @Nullable ConnectionProvider connections;

    private @Nullable HttpClient client;

    void maxInFlight(int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1 but was " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
        drain();
    }

    void responseTimeout(Duration responseTimeout) {
        if (responseTimeout.isNegative() || responseTimeout.isZero()) {
            throw new IllegalArgumentException("responseTimeout must be positive but was " + responseTimeout);
        }
        this.responseTimeout = responseTimeout;
    }

    /** Runs the task when fewer than {@code maxInFlight} run; the task's {@code Mono} must never error. */
    void submit(Supplier<Mono<Void>> task) {
        this.waiting.add(task);
        drain();
    }

    /** One POST; the answer, or status 0 and the failure. Never errors. */
    Mono<Reply> post(URI url, Map<String, String> headers, byte[] body) {
        Duration timeout = this.responseTimeout;
        return Mono.defer(() -> client().responseTimeout(timeout)
            .headers((out) -> headers.forEach(out::set))
            .post()
            .uri(url)
            .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
            .responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8)
                .defaultIfEmpty("")
                .map((text) -> new Reply(response.status().code(),
                        (text.length() > MAX_REPLY_CHARS) ? text.substring(0, MAX_REPLY_CHARS) : text, null))))
            .onErrorResume((ex) -> Mono.just(new Reply(0, "", ex.getClass().getSimpleName()
                    + ((ex.getMessage() != null) ? ": " + ex.getMessage() : ""))));
    }

    private void drain() {
        while (!this.waiting.isEmpty()) {
            int running = this.inFlight.get();
            if (running >= this.maxInFlight) {
                return;
            }
            if (!this.inFlight.compareAndSet(running, running + 1)) {
                continue;
            }
            Supplier<Mono<Void>> next = this.waiting.poll();
            if (next == null) {
                this.inFlight.decrementAndGet();
                continue;
            }
            Mono.defer(next).doFinally((signal) -> {
                this.inFlight.decrementAndGet();
                drain();
            }).subscribe(null, (ex) -> { });
        }
    }

    private synchronized HttpClient client() {
        if (this.client == null) {
            this.loops = LoopResources.create("discountcard-simulator-notify", 1, 2, true);
            this.connections = ConnectionProvider.builder("discountcard-simulator-notify")
                .maxConnections(256)
                .pendingAcquireMaxCount(-1)
                .build();
            this.client = HttpClient.create(this.connections).runOn(this.loops)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000);
        }
        return this.client;
    }

    @Override
    public synchronized void close() {
        if (this.connections != null) {
            this.connections.disposeLater().block(Duration.ofSeconds(10));
        }
        if (this.loops != null) {
            this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
        }
        this.client = null;
        this.connections = null;
        this.loops = null;
    }

    /** The endpoint's answer: status 0 and an error when there was none. */
    record Reply(int status, String body, @Nullable String error) {
    }
}
