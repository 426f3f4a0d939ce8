package io.github.discountcard.client;

import java.util.Objects;

import io.github.discountcard.core.ResponseSignature;
import io.github.discountcard.core.ResponseVerifier;
import io.github.discountcard.core.SignatureVerificationException;
import io.github.discountcard.core.VerificationFailure;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
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

    private final ResponseVerifier verifier;

    private final int maxResponseBytes;

    private final @Nullable UnknownSerialRefresher refresher;

    public VerifyingExchangeFilter(ResponseVerifier verifier, int maxResponseBytes) {
        this(verifier, maxResponseBytes, null);
    }

    /**
     * @param refresher asked once to load keys when a response names an unknown serial, or {@code null}
     */
    public VerifyingExchangeFilter(ResponseVerifier verifier, int maxResponseBytes,
            @Nullable UnknownSerialRefresher refresher) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.refresher = refresher;
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
        return ResponseBodies.read(response, this.maxResponseBytes, requestId)
            .flatMap((bytes) -> verified(headers, bytes, requestId))
            .map((bytes) -> response.mutate()
                .body(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(bytes)))
                .build());
    }

    private Mono<byte[]> verified(HttpHeaders headers, byte[] body, @Nullable String requestId) {
        ResponseSignature signature = ResponseSignature.from(headers::getFirst);
        try {
            this.verifier.verify(signature, body);
            return Mono.just(body);
        }
        catch (SignatureVerificationException ex) {
            if (ex.reason() != VerificationFailure.UNKNOWN_SERIAL || this.refresher == null
                    || signature.serial() == null) {
                return Mono.error(new WechatPaySignatureException(ex, requestId));
            }
            // a rotated-in certificate: one (rate-limited) refresh, then one more try
            return this.refresher.refreshFor(signature.serial().trim()).defaultIfEmpty(false).flatMap((refreshed) -> {
                try {
                    if (refreshed) {
                        this.verifier.verify(signature, body);
                        return Mono.just(body);
                    }
                    return Mono.error(new WechatPaySignatureException(ex, requestId));
                }
                catch (SignatureVerificationException retried) {
                    return Mono.error(new WechatPaySignatureException(retried, requestId));
                }
            });
        }
    }

    /** Whether the response carries any signature header: then it must verify. */
    static boolean isSigned(HttpHeaders headers) {
        return headers.containsHeader(ResponseSignature.SIGNATURE_HEADER)
                || headers.containsHeader(ResponseSignature.SERIAL_HEADER);
    }
}
