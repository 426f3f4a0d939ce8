package io.github.discountcard.autoconfigure;

import io.github.discountcard.test.TestMerchant;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link PemEscapes} and {@link KeyLikeValues}: the text rules behind the startup checks. */
class KeyMaterialTextTests {

    private static final TestMerchant merchant = TestMerchant.generate();

    @Test
    void escapedNewlinesInPemBecomeLineBreaks() {
        String pem = merchant.privateKeyPem().strip();
        assertThat(PemEscapes.unescape(pem.replace("\n", "\\n"))).isEqualTo(pem);
        assertThat(PemEscapes.unescape(pem.replace("\n", "\\r\\n"))).isEqualTo(pem);
    }

    @Test
    void everythingElseIsLeftAsItIs() {
        String pem = merchant.privateKeyPem();
        assertThat(PemEscapes.unescape(pem)).isSameAs(pem); // already has line breaks
        String windowsPath = "file:C:\\new\\keys\\apiclient_key.pem"; // "\n" here is a path, not an escape
        assertThat(PemEscapes.unescape(windowsPath)).isSameAs(windowsPath);
    }

    @Test
    void idsSerialsUrlsAndChoicesAreNotKeyLike() {
        for (String value : new String[] { "1900000109", "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
                "PUB_KEY_ID_0114232134912410000000000000", "https://api.mch.weixin.qq.com", "auto", "SunRsaSign",
                "wechat-test", "proxy.internal", "localhost|127\\..*" }) {
            assertThat(KeyLikeValues.looksLikeKey(value)).as(value).isFalse();
            assertThat(KeyLikeValues.shown(value)).isEqualTo(value);
        }
    }

    @Test
    void pemKeyBodiesAndSecretsAreKeyLike() {
        String pem = merchant.privateKeyPem();
        String body = String.join("", pem.lines().filter((line) -> !line.startsWith("-----")).toList());
        for (String value : new String[] { pem, pem.strip().replace("\n", "\\n"), body, "-----END PRIVATE KEY-----" }) {
            assertThat(KeyLikeValues.looksLikeKey(value)).isTrue();
            assertThat(KeyLikeValues.shown(value)).doesNotContain(body.substring(0, 16));
        }
        assertThat(KeyLikeValues.looksLikeKey(merchant.apiV3Key(), null, merchant.apiV3Key())).isTrue();
        assertThat(KeyLikeValues.looksLikeKey(merchant.apiV3Key())).isFalse(); // 32 characters alone say nothing
    }
}
