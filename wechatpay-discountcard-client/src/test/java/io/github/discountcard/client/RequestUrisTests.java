package io.github.discountcard.client;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.web.util.DefaultUriBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The fast expansion gives exactly what Spring's factory gives, for plain templates and all the others. */
class RequestUrisTests {

    private static DefaultUriBuilderFactory spring(String baseUrl) {
        DefaultUriBuilderFactory factory = new DefaultUriBuilderFactory(baseUrl);
        factory.setEncodingMode(DefaultUriBuilderFactory.EncodingMode.TEMPLATE_AND_VALUES);
        return factory;
    }

    @ParameterizedTest
    @ValueSource(strings = { "233bcbf407e87789b8e471f251774f95", "ORDER-1_a.b~c", "a b", "a/b", "../x", "..", "%2F",
            "a?b=c#d", "{x}", "先享卡", "emoji 😀", "+&=;,:@!$'()*", "", "\\u0000" })
    void valuesAreEncodedAsOneSegmentAsSpringDoes(String value) {
        for (String baseUrl : new String[] { "https://api.mch.weixin.qq.com", "http://127.0.0.1:8080",
                "http://localhost:9/prefix", "http://[::1]:8080", "http://localhost:9/a%20b/c" }) {
            RequestUris uris = new RequestUris(baseUrl);
            for (String template : new String[] { "/v3/discount-card/orders/{out_order_no}",
                    "/v3/discount-card/orders/{out_order_no}/x/{out_order_no}", "/v3/a/{out_order_no}?q={out_order_no}",
                    "/v3/a b/{out_order_no}", "/v3/a/{out_order_no:.+}", "/{out_order_no}", "/v3/{out_order_no}/" }) {
                Map<String, Object> variables = Map.of("out_order_no", value);
                assertReadsAs(uris.expand(template, variables), spring(baseUrl).expand(template, variables));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://api.mch.weixin.qq.com", "HTTPS://API.Mch.weixin.qq.com",
            "https://api.mch.weixin.qq.com.", "https://api.mch.weixin.qq.com:443", "http://127.0.0.1:8080",
            "http://[::1]:8080", "http://localhost:9/prefix", "http://localhost:9/a:b/c@d;e=f" })
    void aPathResolvedAgainstTheBaseReadsExactlyAsTheWholeUrlParsed(String baseUrl) {
        String base = BaseUrls.check(baseUrl);
        RequestUris uris = new RequestUris(base);
        assertThat(uris.resolvesPaths()).as(base).isTrue();
        for (String value : new String[] { "233bcbf407e87789b8e471f251774f95", "a/b", "%2F", "..", "", "a?b#c", ":x",
                "//evil.example", "@evil.example", "先享卡", "\u3000", "\uD800", "x".repeat(10_000) }) {
            StringBuilder encoded = new StringBuilder();
            RequestUris.encode(value, encoded);
            for (String[] template : new String[][] { { "/v3/discount-card/orders/", "" }, { "/", "/evil.example/x" },
                    { "/v3/", "/" } }) {
                assertReadsAs(uris.expand(template[0] + "{id}" + template[1], Map.of("id", value)),
                        URI.create(base + template[0] + encoded + template[1]));
            }
        }
    }

    /**
     * Every part of {@code expanded} reads as {@code expected}'s: a URI resolved against the parsed origin must not
     * differ in anything from one parsed whole. The scheme-specific part is asked first, before anything else
     * spells the URI, as a caller may ask.
     */
    private static void assertReadsAs(URI expanded, URI expected) {
        assertThat(expanded.getRawSchemeSpecificPart()).isEqualTo(expected.getRawSchemeSpecificPart());
        assertThat(expanded.getSchemeSpecificPart()).isEqualTo(expected.getSchemeSpecificPart());
        assertThat(expanded).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(expanded.toString()).isEqualTo(expected.toString());
        assertThat(expanded.toASCIIString()).isEqualTo(expected.toASCIIString());
        assertThat(expanded.getScheme()).isEqualTo(expected.getScheme());
        assertThat(expanded.getRawAuthority()).isEqualTo(expected.getRawAuthority());
        assertThat(expanded.getHost()).isEqualTo(expected.getHost());
        assertThat(expanded.getPort()).isEqualTo(expected.getPort());
        assertThat(expanded.getRawPath()).isEqualTo(expected.getRawPath());
        assertThat(expanded.getPath()).isEqualTo(expected.getPath());
        assertThat(expanded.getRawQuery()).isEqualTo(expected.getRawQuery());
        assertThat(expanded.normalize().toString()).isEqualTo(expected.normalize().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://api.mch.weixin.qq.com:0443", "https://api.mch.weixin.qq.com:",
            "http://127.0.0.1:08080" })
    void aBaseUrlWhosePortAResolvedUriWouldRespellIsParsedWhole(String baseUrl) {
        String base = BaseUrls.check(baseUrl);
        RequestUris uris = new RequestUris(base);
        assertThat(uris.resolvesPaths()).isFalse();
        URI expanded = uris.expand("/v3/a/{id}", Map.of("id", "a/b"));
        URI whole = URI.create(base + "/v3/a/a%2Fb");
        assertThat(expanded.getRawSchemeSpecificPart()).isEqualTo(whole.getRawSchemeSpecificPart());
        assertThat(expanded.toString()).isEqualTo(whole.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://api.mch.weixin.qq.com", "http://localhost:9/prefix" })
    void aTemplateThatStartsWithTwoSlashesStaysOnTheBaseUrlsHost(String baseUrl) {
        // Spring's factory reads "//v3" as a host of its own; ours keeps the base URL's, as it always did
        URI expanded = new RequestUris(baseUrl).expand("//v3/{id}", Map.of("id", "x"));
        assertThat(expanded).isEqualTo(URI.create(baseUrl + "//v3/x"));
        assertThat(expanded.getHost()).isEqualTo(URI.create(baseUrl).getHost());
    }

    @ParameterizedTest
    @ValueSource(strings = { "/v3/a/{id}", "/v3/a/{id}?q=1" })
    void aMissingVariableFailsAsInSpring(String template) {
        RequestUris uris = new RequestUris("https://api.mch.weixin.qq.com");
        assertThatIllegalArgumentException().isThrownBy(() -> uris.expand(template, Map.of()))
            .withMessageContaining("id");
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 7, -3 })
    void nonTextValuesAreWrittenAsText(int value) {
        RequestUris uris = new RequestUris("https://api.mch.weixin.qq.com");
        assertThat(uris.expand("/v3/a/{n}", Map.of("n", value)))
            .isEqualTo(spring("https://api.mch.weixin.qq.com").expand("/v3/a/{n}", Map.of("n", value)));
    }
}
