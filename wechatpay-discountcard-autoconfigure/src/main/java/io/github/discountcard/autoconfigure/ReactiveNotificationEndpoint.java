package io.github.discountcard.autoconfigure;

import java.util.function.Function;

import io.github.discountcard.notification.NotificationProcessor;
import io.github.discountcard.notification.NotificationReply;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The notification endpoint of a WebFlux application: reads at most the body limit (a declared
 * {@code Content-Length} over it is refused before reading anything), hands the exact bytes to the
 * {@link NotificationProcessor} and answers with its reply once the handlers are done.
 */
final class ReactiveNotificationEndpoint implements HandlerFunction<ServerResponse> {

    private final NotificationProcessor processor;

    ReactiveNotificationEndpoint(NotificationProcessor processor) {
        this.processor = processor;
    }

    @Override
    public Mono<ServerResponse> handle(ServerRequest request) {
        HttpHeaders headers = request.headers().asHttpHeaders();
        Function<String, @Nullable String> lookup = headers::getFirst;
        int limit = this.processor.maxBodyBytes();
        if (headers.getContentLength() > limit) {
            return this.processor.tooLarge(lookup).flatMap(ReactiveNotificationEndpoint::respond);
        }
        // join() stops reading and releases what it holds as soon as the limit is passed
        return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), limit)
            .map(ReactiveNotificationEndpoint::bytes)
            .defaultIfEmpty(new byte[0])
            .flatMap((body) -> this.processor.process(lookup, body))
            .onErrorResume(DataBufferLimitException.class, (ex) -> this.processor.tooLarge(lookup))
            .flatMap(ReactiveNotificationEndpoint::respond);
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        }
        finally {
            DataBufferUtils.release(buffer);
        }
    }

    static Mono<ServerResponse> respond(NotificationReply reply) {
        if (!reply.hasBody()) {
            return ServerResponse.status(reply.status()).build();
        }
        return ServerResponse.status(reply.status()).contentType(MediaType.APPLICATION_JSON).bodyValue(reply.body());
    }
}
