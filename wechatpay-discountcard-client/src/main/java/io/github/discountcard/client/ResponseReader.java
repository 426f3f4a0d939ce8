package io.github.discountcard.client;

import java.util.function.Function;

import io.github.discountcard.core.ResponseSignature;
import io.github.discountcard.core.SignatureVerificationException;
import io.github.discountcard.core.VerificationFailure;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientResponse;

/**
 * The one pass over each response: the body is read once and never beyond the limit, the {@code Request-ID}
 * taken once, and the one decision "verified or not" made over the exact bytes received.
 * <p>
 * Every 2xx answer must verify, an empty one (a 204) included: its signed message then ends in an empty body
 * line. An error answer is verified when it carries a signature (WeChat Pay may leave errors unsigned); an
 * unsigned error is passed on marked unverified, so only its status can be relied on.
 */
final class ResponseReader {

    /** The default cap on a response body: 1 MiB. */
    static final int DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

    static final String REQUEST_ID_HEADER = "Request-ID";

    private static final byte[] NO_BODY = new byte[0];

    private final ResponseVerification verification;

    private final int maxBytes;

    ResponseReader(ResponseVerification verification, int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxResponseBytes must be positive but was " + maxBytes);
        }
        this.verification = verification;
        this.maxBytes = maxBytes;
    }

    /**
     * Reads, caps and verifies the answer, then hands it to {@code then}: directly when it was verified on the spot
     * (the usual case, so no operator is built around a constant), after the verdict otherwise.
     */
    <T> Mono<T> read(ClientResponse response, CallTrace trace, Function<Answer, Mono<T>> then) {
        HttpHeaders headers = response.headers().asHttpHeaders();
        int status = response.statusCode().value();
        String requestId = headers.getFirst(REQUEST_ID_HEADER);
        trace.response(status, requestId);
        boolean success = response.statusCode().is2xxSuccessful();
        boolean mustVerify = success || isSigned(headers);
        return DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()), this.maxBytes)
            .map((joined) -> {
                byte[] bytes = new byte[joined.readableByteCount()];
                joined.read(bytes);
                DataBufferUtils.release(joined);
                return bytes;
            })
            .defaultIfEmpty(NO_BODY)
            .onErrorMap(DataBufferLimitException.class,
                    (ex) -> WechatPayExceptions.tooLarge(this.maxBytes, requestId, ex))
            .flatMap((body) -> {
                trace.responseBody = body;
                String retryAfter = headers.getFirst(HttpHeaders.RETRY_AFTER);
                if (!mustVerify) {
                    return then.apply(new Answer(status, body, requestId, false, retryAfter));
                }
                Mono<Boolean> verdict;
                try {
                    verdict = this.verification.verify(status, ResponseSignature.from(headers::getFirst), body);
                }
                catch (SignatureVerificationException ex) {
                    return Mono.error(WechatPayExceptions.signature(ex, requestId));
                }
                if (verdict == Verdicts.VERIFIED) {
                    return then.apply(new Answer(status, body, requestId, true, retryAfter));
                }
                return verdict
                    .defaultIfEmpty(false)
                    .map((verified) -> {
                        if (!verified && success) {
                            throw new SignatureVerificationException(VerificationFailure.MISSING_HEADER,
                                    "A successful answer must verify but was passed on unverified");
                        }
                        return new Answer(status, body, requestId, verified, retryAfter);
                    })
                    .onErrorMap(SignatureVerificationException.class,
                            (ex) -> WechatPayExceptions.signature(ex, requestId))
                    .flatMap(then);
            });
    }

    /** Whether the response carries any signature header: then it must verify. */
    static boolean isSigned(HttpHeaders headers) {
        return headers.containsHeader(ResponseSignature.SIGNATURE_HEADER)
                || headers.containsHeader(ResponseSignature.SERIAL_HEADER);
    }
}
