package io.github.discountcard.client.loopback;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.function.Function;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A small HTTP server on loopback that answers every request with whatever the test crafts: the stand-in for
 * someone inside TLS, or for a WeChat Pay that answers something unexpected.
 */
public final class LoopbackServer implements AutoCloseable {

    private final DisposableServer server;

    private final List<Received> received = new CopyOnWriteArrayList<>();

    private volatile Function<Received, Reply> handler;

    private LoopbackServer(Function<Received, Reply> handler) {
        this.handler = handler;
        this.server = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .handle((request, response) -> request.receive().aggregate().asByteArray()
                .defaultIfEmpty(new byte[0])
                .flatMap((body) -> {
                    Received in = new Received(request.method().name(), request.uri(),
                            request.requestHeaders().get("Accept-Encoding"), body);
                    this.received.add(in);
                    Reply reply = this.handler.apply(in);
                    response.status(reply.status()).header("Content-Type", "application/json");
                    reply.headers().forEach(response::header);
                    return response.sendByteArray(Mono.just(reply.body())).then();
                }))
            .bindNow();
    }

    public static LoopbackServer start(Function<Received, Reply> handler) {
        return new LoopbackServer(handler);
    }

    public void answer(Function<Received, Reply> handler) {
        this.handler = Objects.requireNonNull(handler);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + this.server.port();
    }

    public List<Received> received() {
        return List.copyOf(this.received);
    }

    @Override
    public void close() {
        this.server.disposeNow();
    }

    /** One request as it arrived. */
    public record Received(String method, String uri, String acceptEncoding, byte[] body) {
    }

    /** What to answer. */
    public record Reply(int status, Map<String, String> headers, byte[] body) {
    }
}
