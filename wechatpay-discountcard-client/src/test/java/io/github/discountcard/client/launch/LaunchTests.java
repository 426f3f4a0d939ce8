package io.github.discountcard.client.launch;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.github.discountcard.client.WechatPayInvalidRequestException;
import io.github.discountcard.test.TestMerchant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LaunchTests {

    static final TestMerchant merchant = TestMerchant.generate("1900000109");

    @ParameterizedTest
    @ValueSource(strings = { "abc+def/ghi==", "+/=", "a b&c=d?e#f%g", "令牌+1", "plain" })
    void theCardsFamilyPathCarriesTheTokenUrlEncoded(String token) {
        CardLaunch launch = CardLaunch.of(token);
        assertThat(launch.appid()).isEqualTo("wxcc2e4fbc5887661e");
        assertThat(launch.username()).isEqualTo("gh_b8b605649746");
        assertThat(launch.path()).startsWith("/pages/get-card/get-card?prepare_card_token=");
        String encoded = launch.path().substring(launch.path().indexOf('=') + 1);
        assertThat(encoded).doesNotContain("+", "/", "=", " ", "&", "?", "#");
        assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo(token);
    }

    @Test
    void aBase64TokenRoundTrips() {
        assertThat(CardLaunch.of("ab+/cd==").path())
            .isEqualTo("/pages/get-card/get-card?prepare_card_token=ab%2B%2Fcd%3D%3D");
    }

    @Test
    void aBlankOrOverlongTokenIsRefusedNamingIt() {
        assertThatThrownBy(() -> CardLaunch.of(" ")).isInstanceOf(WechatPayInvalidRequestException.class)
            .hasMessageContaining("prepare_card_token");
        assertThat(CardLaunch.of("t".repeat(256)).path()).endsWith("t".repeat(256));
        assertThatThrownBy(() -> CardLaunch.of("t".repeat(257))).isInstanceOf(WechatPayInvalidRequestException.class)
            .hasMessageContaining("prepare_card_token must be at most 256");
    }

    @Test
    void theOrdersFamilySignatureVerifiesOverTheSixDocumentedLines() throws Exception {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
        OrderLaunchSigner signer = new OrderLaunchSigner(merchant.signer(), "wxd678efh567hg6787", "DC0001", clock);
        OrderLaunchParameters launch = signer.sign("T20260520-0001");

        assertThat(launch.appid()).isEqualTo("wxd678efh567hg6787");
        assertThat(launch.timestamp()).isEqualTo("1700000000");
        assertThat(launch.nonceStr()).matches("[A-Za-z0-9]{1,32}");
        assertThat(launch.discountCardId()).isEqualTo("DC0001");
        assertThat(launch.mchId()).isEqualTo("1900000109");
        assertThat(launch.outTradeNo()).isEqualTo("T20260520-0001");
        assertThat(launch.signType()).isEqualTo("WECHATPAY2-SHA256-RSA2048");
        assertThat(launch.serialNo()).isEqualTo(merchant.serialNumber());

        // recomputed independently from the map, in the documented order
        Map<String, String> map = launch.asMap();
        assertThat(map.keySet()).containsExactly("appid", "timestamp", "nonce_str", "discount_card_id", "mch_id",
                "out_trade_no", "sign_type", "serial_no", "sign");
        String message = map.get("appid") + "\n" + map.get("timestamp") + "\n" + map.get("nonce_str") + "\n"
                + map.get("discount_card_id") + "\n" + map.get("mch_id") + "\n" + map.get("out_trade_no") + "\n";
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(merchant.publicKey());
        verifier.update(message.getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(Base64.getDecoder().decode(map.get("sign")))).isTrue();

        // the query string carries the same values, the signature's + / = encoded
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String pair : launch.toQueryString().split("&")) {
            int eq = pair.indexOf('=');
            assertThat(pair.substring(eq + 1)).doesNotContain("+", "/", "=");
            parsed.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        assertThat(parsed).containsExactlyEntriesOf(map);
    }

    @Test
    void eachLaunchHasAFreshNonce() {
        OrderLaunchSigner signer = new OrderLaunchSigner(merchant.signer(), "wxd678efh567hg6787", "DC0001");
        Set<String> nonces = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            nonces.add(signer.sign("T-" + i).nonceStr());
        }
        assertThat(nonces).hasSize(20);
    }

    @Test
    void badLaunchInputIsRefusedNamingTheField() {
        assertThatThrownBy(() -> new OrderLaunchSigner(merchant.signer(), "wx1", "DC0001"))
            .isInstanceOf(WechatPayInvalidRequestException.class).hasMessageContaining("appid");
        assertThatThrownBy(() -> new OrderLaunchSigner(merchant.signer(), "wxd678efh567hg6787", "DC\n1"))
            .isInstanceOf(WechatPayInvalidRequestException.class).hasMessageContaining("discount_card_id");
        OrderLaunchSigner signer = new OrderLaunchSigner(merchant.signer(), "wxd678efh567hg6787", "DC0001");
        for (String bad : new String[] { "", "a/b", "x".repeat(33), "a\nb" }) {
            assertThatThrownBy(() -> signer.sign(bad)).isInstanceOf(WechatPayInvalidRequestException.class)
                .hasMessageContaining("out_trade_no");
        }
        assertThat(signer.toString()).doesNotContain("PRIVATE");
    }
}
