package io.github.discountcard.client;

import java.util.Objects;

import io.github.discountcard.core.ResponseSignature;
import io.github.discountcard.core.ResponseVerifier;
import io.github.discountcard.core.SignatureVerificationException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Verifies each response over the exact bytes received before anything decodes it, then hands on a response
 * rebuilt from those bytes.
 * <p>
 * Every 2xx response must verify. An error response is verified when it carries a signature (WeChat Pay may
 * leave errors unsigned); an unsigned error passes on and is reported as unverified. The body is read up to
 * a limit, so a huge answer cannot exhaust memory.
 */
public final class VerifyingExchangeFilter implements ExchangeFilterFunction {

    /** The default cap on a response body: 1 MiB. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

    static final String REQUEST_ID_HEADER = "Request-ID";

    private static final byte[] NO_BODY = new byte[0];

    private final ResponseVerifier verifier;

    private final int maxResponseBytes;

    public VerifyingExchangeFilter(ResponseVerifier verifier, int maxResponseBytes) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        if (maxResponseBytes <= 0) {
            throw new IllegalArgumentException("maxResponseBytes must be positive but was " + maxResponseBytes);
        }
        this.maxResponseBytes = maxResponseBytes;
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        return next.exchange(request).flatMap(this::verify);
    }

    private Mono<ClientResponse> verify(ClientResponse response) {
        HttpHeaders headers = response.headers().asHttpHeaders();
        if (!response.statusCode().is2xxSuccessful() && !isSigned(headers)) {
            return Mono.just(response);
        }
        String requestId = headers.getFirst(REQUEST_ID_HEADER);
        return DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()), this.maxResponseBytes)
            .map((joined) -> {
                byte[] bytes = new byte[joined.readableByteCount()];
                joined.read(bytes);
                DataBufferUtils.release(joined);
                return bytes;
            })
            .defaultIfEmpty(NO_BODY)
            .onErrorMap(DataBufferLimitException.class, (ex) -> new WechatPayInvalidResponseException(
                    "The WeChat Pay response body exceeds the limit of " + this.maxResponseBytes + " bytes",
                    requestId, ex))
            .map((bytes) -> {
                try {
                    this.verifier.verify(ResponseSignature.from(headers::getFirst), bytes);
                }
                catch (SignatureVerificationException ex) {
                    throw new WechatPaySignatureException(ex, requestId);
                }
                return response.mutate()
                    .body(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(bytes)))
                    .build();
            });
    }

    /** Whether the response carries any signature header: then it must verify. */
    static boolean isSigned(HttpHeaders headers) {
        return headers.containsHeader(ResponseSignature.SIGNATURE_HEADER)
                || headers.containsHeader(ResponseSignature.SERIAL_HEADER);
    }
}
