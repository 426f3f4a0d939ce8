package io.github.discountcard.client;

import java.net.URI;
import java.util.Objects;

import io.github.discountcard.core.RequestSigner;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpRequestDecorator;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Signs each request over the exact bytes that go on the wire and sets {@code Authorization}.
 * <p>
 * The request is decorated at the last moment: the body is joined in {@code writeWith}, signed together with
 * the encoded request target, and only then written; a body-less request is signed in {@code setComplete}.
 * Each attempt (a retry included) is signed afresh with a new nonce and timestamp.
 */
public final class SigningExchangeFilter implements ExchangeFilterFunction {

    private static final byte[] NO_BODY = new byte[0];

    private final RequestSigner signer;

    public SigningExchangeFilter(RequestSigner signer) {
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        ClientRequest signing = ClientRequest.from(request)
            .body((outputMessage, context) -> request.body().insert(new SigningRequest(outputMessage), context))
            .build();
        return next.exchange(signing);
    }

    /** The request target as sent: raw (still percent-encoded) path plus query. */
    static String requestTarget(URI uri) {
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) ? "/" : uri.getRawPath();
        return (uri.getRawQuery() != null) ? path + "?" + uri.getRawQuery() : path;
    }

    private final class SigningRequest extends ClientHttpRequestDecorator {

        SigningRequest(ClientHttpRequest delegate) {
            super(delegate);
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            return DataBufferUtils.join(body).flatMap((joined) -> {
                byte[] bytes = new byte[joined.readableByteCount()];
                joined.read(bytes);
                DataBufferUtils.release(joined);
                sign(bytes);
                return super.writeWith(Mono.just(bufferFactory().wrap(bytes)));
            }).switchIfEmpty(Mono.defer(this::setComplete));
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            return writeWith(Flux.from(body).concatMap(Flux::from));
        }

        @Override
        public Mono<Void> setComplete() {
            return Mono.defer(() -> {
                if (!getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
                    sign(NO_BODY);
                }
                return super.setComplete();
            });
        }

        private void sign(byte[] body) {
            String authorization = SigningExchangeFilter.this.signer.authorization(getMethod().name(),
                    requestTarget(getURI()), body);
            getHeaders().set(HttpHeaders.AUTHORIZATION, authorization);
        }
    }
}
