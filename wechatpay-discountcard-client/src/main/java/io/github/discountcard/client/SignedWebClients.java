package io.github.discountcard.client;

import java.time.Clock;
import java.util.List;

import io.github.discountcard.core.RequestSigner;
import io.github.discountcard.core.VerificationKeys;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriBuilderFactory;

/** The WebClient set-up every WeChat Pay call shares: base URL, JSON, our User-Agent and the signing filter. */
final class SignedWebClients {

    private SignedWebClients() {
    }

    /**
     * A copy of {@code base} (or a new builder) that expands URI templates against the base URL (each variable
     * encoded as one path segment), sends {@code Accept: application/json} and our {@code User-Agent} (default
     * headers, shared by every request), and signs every request; the signing filter also names the key we expect
     * the answer to be signed with in {@code Wechatpay-Serial} (read from {@code keys} for each request, so rotations
     * show). The original builder is left untouched.
     */
    static WebClient.Builder builder(WebClient.@Nullable Builder base, UriBuilderFactory uris, RequestSigner signer,
            VerificationKeys keys, Clock clock) {
        return ((base != null) ? base.clone() : WebClient.builder())
            .uriBuilderFactory(uris)
            .defaultHeaders((headers) -> {
                headers.setAccept(List.of(MediaType.APPLICATION_JSON));
                headers.set(HttpHeaders.USER_AGENT, UserAgent.VALUE);
            })
            // set by the filter on the outgoing request, not through defaultRequest: that would give each request
            // headers of its own, which WebClient then merges with the defaults into a third map
            .filter(new SigningExchangeFilter(signer, () -> keys.preferredId(clock.instant())));
    }
}
