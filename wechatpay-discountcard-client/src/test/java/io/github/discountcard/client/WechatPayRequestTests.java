package io.github.discountcard.client;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** A request for the generic API names one resource: its template is an APIv3 path, and no value leaves its segment. */
class WechatPayRequestTests {

    @ParameterizedTest
    @ValueSource(strings = { "", ".", ".." })
    void aPathValueThatWouldNameAnotherResourceIsRefused(String value) {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> WechatPayRequest.get("/v3/discount-card/cards/{out_card_code}",
                    Map.of("out_card_code", value)))
            .withMessageContaining("'out_card_code'")
            .withMessageContaining("another resource");
    }

    @ParameterizedTest
    @ValueSource(strings = { "...", "a..", "../x", "./", "%2E%2E" })
    void otherValuesWithDotsStayInTheirSegment(String value) {
        WechatPayRequest request = WechatPayRequest.get("/v3/discount-card/cards/{out_card_code}",
                Map.of("out_card_code", value));
        URI uri = new RequestUris("https://api.mch.weixin.qq.com").expand(request.uriTemplate(),
                request.uriVariables());
        String prefix = "/v3/discount-card/cards/";
        String normalized = uri.normalize().getRawPath();
        assertThat(normalized).startsWith(prefix);
        assertThat(normalized.substring(prefix.length())).isNotEmpty().doesNotContain("/");
    }

    @Test
    void aTemplateOutsideApiV3IsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> WechatPayRequest.get("/v2/anything"))
            .withMessageContaining("/v3/");
    }
}
