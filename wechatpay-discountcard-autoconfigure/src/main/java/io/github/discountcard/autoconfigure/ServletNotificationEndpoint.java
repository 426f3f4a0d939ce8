package io.github.discountcard.autoconfigure;

import java.io.IOException;
import java.util.function.Function;

import io.github.discountcard.notification.NotificationProcessor;
import io.github.discountcard.notification.NotificationReply;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The notification endpoint of a Spring MVC application: reads at most the body limit plus one byte (a declared
 * {@code Content-Length} over it is refused before reading anything), then answers asynchronously once the
 * {@link NotificationProcessor} and the handlers are done, so no servlet thread waits for the handlers.
 */
final class ServletNotificationEndpoint implements HandlerFunction<ServerResponse> {

    private final NotificationProcessor processor;

    ServletNotificationEndpoint(NotificationProcessor processor) {
        this.processor = processor;
    }

    @Override
    public ServerResponse handle(ServerRequest request) throws IOException {
        HttpHeaders headers = request.headers().asHttpHeaders();
        Function<String, @Nullable String> lookup = headers::getFirst;
        int limit = this.processor.maxBodyBytes();
        HttpServletRequest servletRequest = request.servletRequest();
        Mono<NotificationReply> reply;
        if (servletRequest.getContentLengthLong() > limit) {
            reply = this.processor.tooLarge(lookup);
        }
        else {
            // the container owns the stream: read what is allowed, leave the rest (and closing) to it
            byte[] body = servletRequest.getInputStream().readNBytes(limit + 1);
            reply = (body.length > limit) ? this.processor.tooLarge(lookup) : this.processor.process(lookup, body);
        }
        return ServerResponse.async(reply.map(ServletNotificationEndpoint::respond).toFuture());
    }

    private static ServerResponse respond(NotificationReply reply) {
        if (!reply.hasBody()) {
            return ServerResponse.status(reply.status()).build();
        }
        return ServerResponse.status(reply.status()).contentType(MediaType.APPLICATION_JSON).body(reply.body());
    }
}
