package io.github.discountcard.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.discountcard.test.TestMerchant;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.client.reactive.MockClientHttpRequest;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeStrategies;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The signing filter on its own: the body is signed straight from the joined buffer's memory, across several
 * underlying buffers too, and exactly the signed bytes are written. A request that announces its body is signed
 * once, before the exchange, unless what is written differs from what was signed.
 */
class SigningExchangeFilterTests {

    private static final Pattern AUTHORIZATION = Pattern.compile("WECHATPAY2-SHA256-RSA2048 mchid=\"([^\"]*)\","
            + "nonce_str=\"([^\"]*)\",timestamp=\"([^\"]*)\",serial_no=\"([^\"]*)\",signature=\"([^\"]*)\"");

    private static final TestMerchant merchant = TestMerchant.generate();

    private final SigningExchangeFilter filter = new SigningExchangeFilter(merchant.signer());

    @Test
    void aBodyOfSeveralNettyBuffersIsSignedInPlaceAndWrittenUnchanged() throws Exception {
        NettyDataBufferFactory netty = new NettyDataBufferFactory(UnpooledByteBufAllocator.DEFAULT);
        String[] chunks = { "{\"objectives\":[{\"objective_serial_no\":\"5783\",", "\"remark\":\"特价商品\"}", "]}" };
        List<DataBuffer> buffers = java.util.Arrays.stream(chunks)
            .map((chunk) -> (DataBuffer) netty.wrap(chunk.getBytes(StandardCharsets.UTF_8)))
            .toList();
        String body = String.join("", chunks);
        // precondition: joining Netty buffers gives a composite that is read through several views
        DataBuffer joined = netty.join(java.util.Arrays.stream(chunks)
            .map((chunk) -> (DataBuffer) netty.wrap(chunk.getBytes(StandardCharsets.UTF_8))).toList());
        try (DataBuffer.ByteBufferIterator views = joined.readableByteBuffers()) {
            int count = 0;
            while (views.hasNext()) {
                views.next();
                count++;
            }
            assertThat(count).isEqualTo(chunks.length);
        }
        DataBufferUtils.release(joined);

        MockClientHttpRequest written = exchange(HttpMethod.PATCH, "/v3/discount-card/orders/a%2Fb?x=1",
                Flux.fromIterable(buffers));

        assertThat(written.getBodyAsString().block(Duration.ofSeconds(5))).isEqualTo(body);
        assertSignedOver(written, "PATCH\n/v3/discount-card/orders/a%2Fb?x=1\n", body);
        for (DataBuffer buffer : buffers) {
            ByteBuf byteBuf = ((NettyDataBuffer) buffer).getNativeBuffer();
            assertThat(byteBuf.readerIndex()).as("the signer only reads views").isZero();
        }
    }

    @Test
    void aSingleHeapBufferIsSignedAndWritten() throws Exception {
        String body = "{\"rewards\":[{\"reward_serial_no\":\"578354\",\"amount\":100}]}";
        DataBuffer buffer = DefaultDataBufferFactory.sharedInstance.wrap(body.getBytes(StandardCharsets.UTF_8));

        MockClientHttpRequest written = exchange(HttpMethod.PATCH, "/v3/discount-card/orders/abc", Flux.just(buffer));

        assertThat(written.getBodyAsString().block(Duration.ofSeconds(5))).isEqualTo(body);
        assertSignedOver(written, "PATCH\n/v3/discount-card/orders/abc\n", body);
    }

    @Test
    void anEmptyBufferIsSignedAsAnEmptyBody() throws Exception {
        DataBuffer empty = DefaultDataBufferFactory.sharedInstance.allocateBuffer(0);

        MockClientHttpRequest written = exchange(HttpMethod.PATCH, "/v3/x", Flux.just(empty));

        assertSignedOver(written, "PATCH\n/v3/x\n", "");
    }

    @Test
    void aRequestWithoutBodyIsSignedOverAnEmptyLine() throws Exception {
        MockClientHttpRequest written = exchange(HttpMethod.GET, "/v3/discount-card/orders/abc", Flux.empty());

        assertSignedOver(written, "GET\n/v3/discount-card/orders/abc\n", "");
    }

    @Test
    void anAuthorizationFromTheApplicationsSetUpIsReplacedBySignature() throws Exception {
        URI uri = URI.create("http://127.0.0.1/v3/discount-card/orders/abc");
        MockClientHttpRequest written = exchange(ClientRequest.create(HttpMethod.GET, uri)
            .header(HttpHeaders.AUTHORIZATION, "Bearer application-token")
            .header("X-Application", "kept")
            .build());

        assertThat(written.getHeaders().get(HttpHeaders.AUTHORIZATION)).hasSize(1);
        assertThat(written.getHeaders().getFirst("X-Application")).isEqualTo("kept");
        assertSignedOver(written, "GET\n/v3/discount-card/orders/abc\n", "");
    }

    @Test
    void aRequestThatAnnouncesItsBodyIsSignedOnceBeforeTheExchange() throws Exception {
        String body = "{\"rewards\":[{\"reward_serial_no\":\"578354\",\"amount\":100}]}";
        AtomicInteger signatures = new AtomicInteger();
        AtomicInteger signedBeforeExchange = new AtomicInteger(-1);
        ClientRequest request = announced(HttpMethod.PATCH, "/v3/discount-card/orders/abc", body, body);

        MockClientHttpRequest written = exchange(counting(signatures), request, request.url(),
                () -> signedBeforeExchange.set(signatures.get()));

        assertThat(signedBeforeExchange.get()).as("signed before a connection is asked for").isEqualTo(1);
        assertThat(signatures.get()).as("and not again as it is written").isEqualTo(1);
        assertThat(written.getBodyAsString().block(Duration.ofSeconds(5))).isEqualTo(body);
        assertSignedOver(written, "PATCH\n/v3/discount-card/orders/abc\n", body);
    }

    @Test
    void aRequestThatAnnouncesNoBodyIsSignedOnceBeforeTheExchange() throws Exception {
        AtomicInteger signatures = new AtomicInteger();
        URI uri = URI.create("http://127.0.0.1/v3/discount-card/orders/abc");
        ClientRequest request = ClientRequest.create(HttpMethod.GET, uri)
            .attribute(SigningExchangeFilter.BODY_ATTRIBUTE, new byte[0])
            .build();

        MockClientHttpRequest written = exchange(counting(signatures), request, uri,
                () -> assertThat(signatures.get()).isEqualTo(1));

        assertThat(signatures.get()).isEqualTo(1);
        assertSignedOver(written, "GET\n/v3/discount-card/orders/abc\n", "");
    }

    static Stream<Arguments> requestsWrittenOtherwiseThanAnnounced() {
        return Stream.of(
                Arguments.of("another body", "{\"amount\":100}", HttpMethod.PATCH, "/v3/x", "{\"amount\":1000}"),
                Arguments.of("a body that only starts with the announced one", "{\"a\":1}", HttpMethod.PATCH,
                        "/v3/x", "{\"a\":1}  "),
                Arguments.of("another target", "{}", HttpMethod.PATCH, "/v3/y?z=1", "{}"),
                Arguments.of("another method", "{}", HttpMethod.POST, "/v3/x", "{}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestsWrittenOtherwiseThanAnnounced")
    void aRequestWrittenOtherwiseThanAnnouncedIsSignedAgainOverWhatIsWritten(String change, String announcedBody,
            HttpMethod writtenAs, String writtenTo, String writtenBody) throws Exception {
        AtomicInteger signatures = new AtomicInteger();
        ClientRequest request = announced(HttpMethod.PATCH, "/v3/x", announcedBody, writtenBody);

        MockClientHttpRequest written = exchange(counting(signatures), request, writtenAs,
                URI.create("http://127.0.0.1" + writtenTo), () -> {
                });

        assertThat(signatures.get()).as(change).isEqualTo(2);
        assertSignedOver(written, writtenAs.name() + "\n" + writtenTo + "\n", writtenBody);
    }

    @Test
    void anAnnouncedBodyWrittenInSeveralNettyBuffersIsComparedAcrossThemAll() throws Exception {
        String[] chunks = { "{\"objectives\":[{\"objective_serial_no\":\"5783\",", "\"remark\":\"特价商品\"}",
                "]}" };
        String body = String.join("", chunks);
        AtomicInteger same = new AtomicInteger();
        MockClientHttpRequest writtenSame = exchange(counting(same), announcedInNettyBuffers(body, chunks),
                URI.create("http://127.0.0.1/v3/x"), () -> {
                });
        assertThat(same.get()).isEqualTo(1);
        // reading the body also releases the composite buffer it was joined into
        assertThat(writtenSame.getBodyAsString().block(Duration.ofSeconds(5))).isEqualTo(body);
        assertSignedOver(writtenSame, "PATCH\n/v3/x\n", body);

        String[] changed = { chunks[0], "\"remark\":\"特价商品!\"", "]}" };
        AtomicInteger different = new AtomicInteger();
        MockClientHttpRequest writtenDifferent = exchange(counting(different), announcedInNettyBuffers(body, changed),
                URI.create("http://127.0.0.1/v3/x"), () -> {
                });
        assertThat(different.get()).isEqualTo(2);
        assertThat(writtenDifferent.getBodyAsString().block(Duration.ofSeconds(5)))
            .isEqualTo(String.join("", changed));
        assertSignedOver(writtenDifferent, "PATCH\n/v3/x\n", String.join("", changed));
    }

    @Test
    void aSignerThatFailsBeforeTheExchangeFailsTheRequestAsWritingItWould() {
        SigningExchangeFilter failing = new SigningExchangeFilter(merchant.signer(new ObservingClock(() -> {
            throw new IllegalStateException("no time to sign with");
        })));
        ClientRequest request = announced(HttpMethod.PATCH, "/v3/x", "{}", "{}");
        AtomicInteger exchanged = new AtomicInteger();

        Mono<ClientResponse> response = failing.filter(request, (signed) -> {
            exchanged.incrementAndGet();
            return Mono.just(ClientResponse.create(HttpStatus.OK).build());
        });

        assertThat(exchanged.get()).as("nothing is sent").isZero();
        assertThatThrownBy(() -> response.block(Duration.ofSeconds(5)))
            .isInstanceOf(WebClientRequestException.class)
            .hasRootCauseInstanceOf(IllegalStateException.class);
    }

    /** A filter whose signer counts its signatures in {@code signatures}. */
    private static SigningExchangeFilter counting(AtomicInteger signatures) {
        return new SigningExchangeFilter(merchant.signer(new ObservingClock(signatures::incrementAndGet)));
    }

    private static ClientRequest announced(HttpMethod method, String target, String announced, String sent) {
        DataBuffer buffer = DefaultDataBufferFactory.sharedInstance.wrap(sent.getBytes(StandardCharsets.UTF_8));
        return ClientRequest.create(method, URI.create("http://127.0.0.1" + target))
            .attribute(SigningExchangeFilter.BODY_ATTRIBUTE, announced.getBytes(StandardCharsets.UTF_8))
            .body(BodyInserters.fromDataBuffers(Flux.just(buffer)))
            .build();
    }

    /** A PATCH to {@code /v3/x} that announces {@code announced} and writes the chunks as Netty buffers. */
    private static ClientRequest announcedInNettyBuffers(String announced, String... sent) {
        NettyDataBufferFactory netty = new NettyDataBufferFactory(UnpooledByteBufAllocator.DEFAULT);
        List<DataBuffer> buffers = java.util.Arrays.stream(sent)
            .map((chunk) -> (DataBuffer) netty.wrap(chunk.getBytes(StandardCharsets.UTF_8)))
            .toList();
        return ClientRequest.create(HttpMethod.PATCH, URI.create("http://127.0.0.1/v3/x"))
            .attribute(SigningExchangeFilter.BODY_ATTRIBUTE, announced.getBytes(StandardCharsets.UTF_8))
            .body(BodyInserters.fromDataBuffers(Flux.fromIterable(buffers)))
            .build();
    }

    private MockClientHttpRequest exchange(HttpMethod method, String target, Flux<DataBuffer> body) {
        URI uri = URI.create("http://127.0.0.1" + target);
        return exchange(ClientRequest.create(method, uri)
            .body(BodyInserters.fromDataBuffers(body))
            .build());
    }

    private MockClientHttpRequest exchange(ClientRequest request) {
        return exchange(this.filter, request, request.url(), () -> {
        });
    }

    private static MockClientHttpRequest exchange(SigningExchangeFilter filter, ClientRequest request, URI writtenTo,
            Runnable atExchange) {
        return exchange(filter, request, request.method(), writtenTo, atExchange);
    }

    /**
     * Exchanges through {@code filter}, writing as {@code writtenAs} to {@code writtenTo} (what an application's
     * own filter or connector could change); {@code atExchange} runs before the write.
     */
    private static MockClientHttpRequest exchange(SigningExchangeFilter filter, ClientRequest request,
            HttpMethod writtenAs, URI writtenTo, Runnable atExchange) {
        AtomicReference<MockClientHttpRequest> written = new AtomicReference<>();
        ClientResponse response = filter.filter(request, (signed) -> {
            atExchange.run();
            MockClientHttpRequest mock = new MockClientHttpRequest(writtenAs, writtenTo);
            written.set(mock);
            return signed.writeTo(mock, ExchangeStrategies.withDefaults())
                .then(Mono.fromSupplier(() -> ClientResponse.create(HttpStatus.OK).build()));
        }).block(Duration.ofSeconds(5));
        assertThat(response).isNotNull();
        return written.get();
    }

    private static void assertSignedOver(MockClientHttpRequest written, String head, String body) throws Exception {
        String authorization = written.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        assertThat(authorization).isNotNull();
        Matcher matcher = AUTHORIZATION.matcher(authorization);
        assertThat(matcher.matches()).as(authorization).isTrue();
        String message = head + matcher.group(3) + "\n" + matcher.group(2) + "\n" + body + "\n";
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(merchant.publicKey());
        verifier.update(message.getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(Base64.getDecoder().decode(matcher.group(5)))).as("signature over the body")
            .isTrue();
    }
}
