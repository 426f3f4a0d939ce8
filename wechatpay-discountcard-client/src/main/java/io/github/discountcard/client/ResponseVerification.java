package io.github.discountcard.client;

import io.github.discountcard.core.ResponseSignature;
import io.github.discountcard.core.ResponseVerifier;
import io.github.discountcard.core.SignatureVerificationException;
import io.github.discountcard.core.VerificationFailure;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Decides whether one signed answer is trusted, over its exact bytes, before anything decodes it: the one
 * decision "verified or not" of the response path ({@link WechatPayApi}).
 * <p>
 * {@link #of(ResponseVerifier, UnknownSerialRefresher)} is the usual one; the platform certificate download
 * brings its own, which may trust a signer it learns from the answer itself.
 */
@FunctionalInterface
public interface ResponseVerification {

    /**
     * Called for every 2xx answer and for every error answer that carries a signature header.
     * @param status the HTTP status
     * @param signature the four {@code Wechatpay-*} headers as received
     * @param body the exact body bytes received (empty for a 204 or an empty body)
     * @return completes with {@code true} when the answer verified; with {@code false} only for an error answer
     * (non-2xx) that is to be passed on as unverified (a 2xx answer is then refused); fails with a
     * {@link SignatureVerificationException} when the answer must not be trusted
     */
    Mono<Boolean> verify(int status, ResponseSignature signature, byte[] body);

    /**
     * Verifies with {@code verifier}; when the answer names a serial it does not know and a {@code refresher}
     * is given, asks it once (rate-limited) to load keys and verifies once more.
     */
    static ResponseVerification of(ResponseVerifier verifier, @Nullable UnknownSerialRefresher refresher) {
        return (status, signature, body) -> {
            try {
                verifier.verify(signature, body);
                return Verdicts.VERIFIED;
            }
            catch (SignatureVerificationException ex) {
                String serial = signature.serial();
                if (ex.reason() != VerificationFailure.UNKNOWN_SERIAL || refresher == null || serial == null) {
                    return Mono.error(ex);
                }
                // a rotated-in certificate: one (rate-limited) refresh, then one more try
                return refresher.refreshFor(serial.trim()).defaultIfEmpty(false).flatMap((refreshed) -> {
                    if (!refreshed) {
                        return Mono.error(ex);
                    }
                    verifier.verify(signature, body);
                    return Mono.just(true);
                });
            }
        };
    }
}
