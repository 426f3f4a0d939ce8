package io.github.discountcard.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * The Reactor Netty HTTP server: reads each request whole, waits the configured latency, lets the
 * {@link RequestProcessor} decide off the event loop (RSA signing takes about a millisecond), then writes the answer
 * or resets the connection; over TLS when given a {@link SimulatorTls}. Runs on its own event loops, which
 * {@link #stop()} disposes.
 */
final class SimulatorServer {

    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private static final byte[] NO_BODY = new byte[0];

    private final RequestProcessor processor;

    private final Supplier<Duration> latency;

    private @Nullable LoopResources loops;

    private @Nullable DisposableServer server;

    private final AtomicInteger openConnections = new AtomicInteger();

    SimulatorServer(RequestProcessor processor, Supplier<Duration> latency) {
        this.processor = processor;
        this.latency = latency;
    }

    synchronized void start(String host, int port, @Nullable SimulatorTls tls) {
        if (this.server != null) {
            throw new IllegalStateException("The simulator is already running on port " + this.server.port());
        }
        LoopResources loops = LoopResources.create("discountcard-simulator", 1, 2, true);
        try {
            HttpServer server = HttpServer.create();
            if (tls != null) {
                server = server.secure((spec) -> spec
                    .sslContext(Http11SslContextSpec.forServer(tls.privateKey(), tls.certificate())));
            }
            this.server = server
                .host(host)
                .port(port)
                .runOn(loops)
                .doOnChannelInit((observer, channel, address) -> {
                    this.openConnections.incrementAndGet();
                    channel.closeFuture().addListener((closed) -> this.openConnections.decrementAndGet());
                })
                .handle(this::handle)
                .bindNow(BIND_TIMEOUT);
            this.loops = loops;
        }
        catch (RuntimeException ex) {
            loops.disposeLater(Duration.ZERO, STOP_TIMEOUT).block(STOP_TIMEOUT);
            throw ex;
        }
    }

    /** Client connections open now. */
    int openConnections() {
        return this.openConnections.get();
    }

    synchronized boolean isRunning() {
        return this.server != null;
    }

    synchronized int port() {
        if (this.server == null) {
            throw new IllegalStateException("The simulator is not running: call start() first");
        }
        return this.server.port();
    }

    /** Closes the listening socket and open connections and waits for the event loops to end. */
    synchronized void stop() {
        DisposableServer server = this.server;
        LoopResources loops = this.loops;
        this.server = null;
        this.loops = null;
        if (server != null) {
            server.disposeNow(STOP_TIMEOUT);
        }
        if (loops != null) {
            loops.disposeLater(Duration.ZERO, STOP_TIMEOUT).block(STOP_TIMEOUT.plusSeconds(1));
        }
    }

    /**
     * Every answer is made off the event loop, never within the read that brought its request: Reactor Netty 1.3.6
     * stops reading a keep-alive connection after a queued request is answered within that read
     * (reactor/reactor-netty#4361), and the simulator must keep answering whatever the application's version.
     */
    private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        return request.receive()
            .aggregate()
            .asByteArray()
            .defaultIfEmpty(NO_BODY)
            .map((body) -> new IncomingRequest(request.method().name(), request.uri(), headers(request), body))
            .delayUntil((ignored) -> delay())
            .publishOn(Schedulers.boundedElastic())
            .map(this.processor::process)
            .flatMap((outcome) -> outcome.resetConnection() ? reset(request) : write(response, outcome));
    }

    private Mono<Long> delay() {
        Duration latency = this.latency.get();
        return (latency.isZero() || latency.isNegative()) ? Mono.empty() : Mono.delay(latency);
    }

    private static Mono<Void> write(HttpServerResponse response, Outcome outcome) {
        response.status(outcome.status());
        outcome.headers().forEach(response::header);
        if (outcome.status() != 204) { // a 204 has no body and no Content-Length
            response.header("Content-Length", Integer.toString(outcome.body().length));
        }
        return response.sendByteArray(Mono.just(outcome.body())).then();
    }

    /** Closes the connection with a TCP reset (SO_LINGER 0), sending nothing. */
    private static Mono<Void> reset(HttpServerRequest request) {
        return Mono.create((sink) -> request.withConnection((connection) -> {
            Channel channel = connection.channel();
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
            channel.close().addListener((future) -> sink.success());
        }));
    }

    private static Map<String, List<String>> headers(HttpServerRequest request) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : request.requestHeaders().names()) {
            headers.put(name, new ArrayList<>(request.requestHeaders().getAll(name)));
        }
        return headers;
    }
}
