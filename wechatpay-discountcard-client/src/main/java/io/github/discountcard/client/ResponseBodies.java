package io.github.discountcard.client;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientResponse;

/** Reads a whole response body, never more than a limit, so a huge answer cannot exhaust memory. */
public final class ResponseBodies {

    private static final byte[] NO_BODY = new byte[0];

    private ResponseBodies() {
    }

    /**
     * The body's bytes (empty when there is none).
     * @throws WechatPayInvalidResponseException (as the Mono's error) when the body exceeds {@code maxBytes}
     */
    public static Mono<byte[]> read(ClientResponse response, int maxBytes, @Nullable String requestId) {
        return DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()), maxBytes)
            .map((joined) -> {
                byte[] bytes = new byte[joined.readableByteCount()];
                joined.read(bytes);
                DataBufferUtils.release(joined);
                return bytes;
            })
            .defaultIfEmpty(NO_BODY)
            .onErrorMap(DataBufferLimitException.class, (ex) -> new WechatPayInvalidResponseException(
                    "The WeChat Pay response body exceeds the limit of " + maxBytes + " bytes", requestId, ex));
    }
}
