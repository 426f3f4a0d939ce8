package io.github.discountcard.client;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** A base URL is accepted only when every request can be built on it; otherwise the message says why. */
class BaseUrlsTests {

    @ParameterizedTest
    @ValueSource(strings = { "https://api.mch.weixin.qq.com", "https://api.mch.weixin.qq.com/", "http://127.0.0.1:8080",
            "http://[::1]:8080", "http://localhost:9/prefix/" })
    void aUsableBaseUrlIsReturnedWithoutItsTrailingSlash(String baseUrl) {
        String checked = BaseUrls.check(baseUrl);
        assertThat(checked).isEqualTo(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        // and every request can be expanded on it
        assertThat(new RequestUris(checked).expand("/v3/a/{id}", java.util.Map.of("id", "x")).getHost())
            .isEqualTo(java.net.URI.create(checked).getHost());
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://[fe80::1%25eth0]:8443", "https://[::FFFF:127.0.0.1]" })
    void aBaseUrlSpringsUriTemplatesCannotReadIsRefusedAtOnce(String baseUrl) {
        assertThatIllegalArgumentException().isThrownBy(() -> BaseUrls.check(baseUrl))
            .withMessageContaining(baseUrl)
            .withMessageContaining("cannot be used for URI templates");
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://gateway.example/a%20b", "http://127.0.0.1:8080/%7Eshop" })
    void aPercentEncodedBasePathIsRefusedRatherThanEncodedTwice(String baseUrl) {
        assertThatIllegalArgumentException().isThrownBy(() -> BaseUrls.check(baseUrl))
            .withMessageContaining("percent-encoded path");
    }
}
