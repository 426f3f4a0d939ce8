package io.github.discountcard.client;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.discountcard.core.RequestSigner;
import io.github.discountcard.core.ResponseSignature;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpRequestDecorator;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.ExchangeStrategies;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * Signs each request over the exact bytes that go on the wire and sets {@code Authorization}.
 * <p>
 * A request that does not announce its body (below) is decorated at the last moment: the body is joined in
 * {@code writeWith}, signed together with the encoded request target straight from the joined buffer's memory,
 * and then that same buffer is written (no copy of the body is made); a body-less request is signed in
 * {@code setComplete}. Each attempt (a retry included) is signed afresh with a new nonce and timestamp. The
 * client's own filter also sets {@code Wechatpay-Serial}, the key it expects the answer to be signed with, on the
 * same outgoing headers, unless the request already names one (set by an application's own filter, say).
 * <p>
 * A request that announces its body bytes up front ({@link #BODY_ATTRIBUTE}, as {@link WechatPayApi} does) is
 * signed before the exchange instead, on the thread that subscribes (a blocking caller's own) and before a
 * connection is taken: the signature, about a millisecond of CPU, then never holds a pooled connection, nor runs
 * on the event loop of the connection it is written to. When it is written, its method, target and body are
 * compared with what was signed, and anything that differs is signed again over what is written.
 */
public final class SigningExchangeFilter implements ExchangeFilterFunction {

    private static final byte[] NO_BODY = new byte[0];

    private static final ByteBuffer[] NO_BUFFERS = new ByteBuffer[0];

    /**
     * The attribute in which a request announces the exact bytes its body will write ({@code byte[0]} for none),
     * so that it can be signed before the exchange.
     */
    static final String BODY_ATTRIBUTE = SigningExchangeFilter.class.getName() + ".body";

    private final RequestSigner signer;

    /** The key id to name in {@code Wechatpay-Serial}, asked for each request; {@code null} for none. */
    private final Supplier<@Nullable String> expectedSerial;

    public SigningExchangeFilter(RequestSigner signer) {
        this(signer, () -> null);
    }

    SigningExchangeFilter(RequestSigner signer, Supplier<@Nullable String> expectedSerial) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.expectedSerial = expectedSerial;
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        Signed ahead;
        try {
            ahead = signAhead(request);
        }
        catch (RuntimeException ex) {
            // as a failure to sign at write time reaches the caller (WebClient wraps it so), whichever path signed
            return Mono.error(new WebClientRequestException(ex, request.method(), request.url(), request.headers()));
        }
        // Reactor Netty may write this request once more on a fresh connection when the first one was found closed
        // before anything was sent; only one copy ever reaches WeChat Pay, so it may carry the same signature
        return next.exchange(new SigningClientRequest(request, ahead));
    }

    private @Nullable Signed signAhead(ClientRequest request) {
        if (!(request.attributes().get(BODY_ATTRIBUTE) instanceof byte[] body)) {
            return null;
        }
        String method = request.method().name();
        String target = requestTarget(request.url());
        return new Signed(method, target, body, this.signer.authorization(method, target, body));
    }

    /** The request target as sent: raw (still percent-encoded) path plus query. */
    static String requestTarget(URI uri) {
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) ? "/" : uri.getRawPath();
        return (uri.getRawQuery() != null) ? path + "?" + uri.getRawQuery() : path;
    }

    private static ByteBuffer[] views(Iterator<ByteBuffer> buffers) {
        if (!buffers.hasNext()) {
            return NO_BUFFERS;
        }
        ByteBuffer first = buffers.next();
        if (!buffers.hasNext()) {
            return new ByteBuffer[] { first }; // the usual case: a single (or already joined) buffer
        }
        List<ByteBuffer> all = new ArrayList<>();
        all.add(first);
        buffers.forEachRemaining(all::add);
        return all.toArray(NO_BUFFERS);
    }

    /**
     * The request as it came, written through a {@link SigningRequest}: no copy of its headers, cookies and
     * attributes is made per call. Its headers are put on the outgoing request first, and the signature then
     * replaces any {@code Authorization} among them (one inherited from the application's WebClient set-up must
     * never reach WeChat Pay).
     */
    private final class SigningClientRequest implements ClientRequest {

        private final ClientRequest request;

        private final @Nullable Signed ahead;

        SigningClientRequest(ClientRequest request, @Nullable Signed ahead) {
            this.request = request;
            this.ahead = ahead;
        }

        @Override
        public HttpMethod method() {
            return this.request.method();
        }

        @Override
        public URI url() {
            return this.request.url();
        }

        @Override
        public HttpHeaders headers() {
            return this.request.headers();
        }

        @Override
        public MultiValueMap<String, String> cookies() {
            return this.request.cookies();
        }

        @Override
        public BodyInserter<?, ? super ClientHttpRequest> body() {
            return this.request.body();
        }

        @Override
        public Map<String, Object> attributes() {
            return this.request.attributes();
        }

        @Override
        public @Nullable Consumer<ClientHttpRequest> httpRequest() {
            return this.request.httpRequest();
        }

        @Override
        public String logPrefix() {
            return this.request.logPrefix();
        }

        @Override
        public Mono<Void> writeTo(ClientHttpRequest outgoing, ExchangeStrategies strategies) {
            return this.request.writeTo(new SigningRequest(outgoing, this.ahead), strategies);
        }
    }

    private final class SigningRequest extends ClientHttpRequestDecorator {

        private final @Nullable Signed ahead;

        private boolean signed;

        SigningRequest(ClientHttpRequest delegate, @Nullable Signed ahead) {
            super(delegate);
            this.ahead = ahead;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            return DataBufferUtils.join(body).flatMap((joined) -> {
                try {
                    sign(joined);
                }
                catch (RuntimeException ex) {
                    DataBufferUtils.release(joined);
                    return Mono.error(ex);
                }
                // the very buffer that was signed goes on the wire (no copy); once the writer has taken it, the
                // writer releases it, and until then we do: a failed commit or a cancel must not leak it
                AtomicBoolean handedOver = new AtomicBoolean();
                return super.writeWith(Mono.just(joined).doOnNext((buffer) -> handedOver.set(true)))
                    .doFinally((signal) -> {
                        if (!handedOver.get()) {
                            DataBufferUtils.release(joined);
                        }
                    });
            }).switchIfEmpty(Mono.defer(this::setComplete));
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            return writeWith(Flux.from(body).concatMap(Flux::from));
        }

        @Override
        public Mono<Void> setComplete() {
            return Mono.defer(() -> {
                if (!this.signed) {
                    sign(NO_BODY);
                }
                return super.setComplete();
            });
        }

        private void sign(byte[] body) {
            String method = getMethod().name();
            String target = requestTarget(getURI());
            Signed ahead = this.ahead;
            signed((ahead != null && ahead.covers(method, target, body)) ? ahead.authorization
                    : SigningExchangeFilter.this.signer.authorization(method, target, body));
        }

        /** Signs the readable bytes of the joined body in place, through views of its memory. */
        private void sign(DataBuffer body) {
            String method = getMethod().name();
            String target = requestTarget(getURI());
            String authorization;
            try (DataBuffer.ByteBufferIterator buffers = body.readableByteBuffers()) {
                ByteBuffer[] views = views(buffers);
                Signed ahead = this.ahead;
                authorization = (ahead != null && ahead.covers(method, target, views)) ? ahead.authorization
                        : SigningExchangeFilter.this.signer.authorization(method, target, views);
            }
            signed(authorization);
        }

        private void signed(String authorization) {
            HttpHeaders headers = getHeaders();
            headers.set(HttpHeaders.AUTHORIZATION, authorization);
            if (!headers.containsHeader(ResponseSignature.SERIAL_HEADER)) { // one the application chose stays
                String serial = SigningExchangeFilter.this.expectedSerial.get();
                if (serial != null) {
                    headers.set(ResponseSignature.SERIAL_HEADER, serial);
                }
            }
            this.signed = true;
        }
    }

    /** A signature made before the exchange, and what it covers. */
    private static final class Signed {

        private final String method;

        private final String target;

        private final byte[] body;

        final String authorization;

        Signed(String method, String target, byte[] body, String authorization) {
            this.method = method;
            this.target = target;
            this.body = body;
            this.authorization = authorization;
        }

        boolean covers(String method, String target, byte[] body) {
            return this.method.equals(method) && this.target.equals(target) && Arrays.equals(this.body, body);
        }

        /** Whether the views' bytes, in order, are exactly the signed body; reads them without moving them. */
        boolean covers(String method, String target, ByteBuffer[] views) {
            if (!this.method.equals(method) || !this.target.equals(target)) {
                return false;
            }
            int offset = 0;
            for (ByteBuffer view : views) {
                int length = view.remaining();
                if (length > this.body.length - offset
                        || view.mismatch(ByteBuffer.wrap(this.body, offset, length)) != -1) {
                    return false;
                }
                offset += length;
            }
            return offset == this.body.length;
        }
    }
}
