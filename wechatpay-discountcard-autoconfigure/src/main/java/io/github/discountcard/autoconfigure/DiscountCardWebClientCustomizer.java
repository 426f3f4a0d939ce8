package io.github.discountcard.autoconfigure;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Tunes the {@link WebClient.Builder} of the discount card client only (codecs, connector, extra filters).
 * The signing and verifying filters are added after every customizer, so none can remove them.
 */
@FunctionalInterface
public interface DiscountCardWebClientCustomizer {

    void customize(WebClient.Builder builder);
}
