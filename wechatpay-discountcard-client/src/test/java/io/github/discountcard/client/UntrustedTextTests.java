package io.github.discountcard.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UntrustedTextTests {

    @Test
    void ordinaryTextIsReturnedAsIs() {
        assertThat(UntrustedText.id("08F3A1B2C3D4E5F60000000000AB")).isEqualTo("08F3A1B2C3D4E5F60000000000AB");
        assertThat(UntrustedText.message("订单不存在 \\n")).isEqualTo("订单不存在 \\n");
        assertThat(UntrustedText.id(null)).isNull();
    }

    @Test
    void controlsSeparatorsAndFormatCharactersAreEscaped() {
        assertThat(UntrustedText.message("a\r\nb\tc\u0085d\u2028e\u2029f\u202Eg\u0000"))
            .isEqualTo("a\\u000D\\u000Ab\\u0009c\\u0085d\\u2028e\\u2029f\\u202Eg\\u0000");
    }

    @Test
    void longTextIsCappedWithAMarker() {
        assertThat(UntrustedText.id("x".repeat(10_000))).hasSize(64).endsWith("...");
        assertThat(UntrustedText.message("\u0085".repeat(10_000))).hasSizeLessThanOrEqualTo(256).endsWith("...")
            .doesNotContain("\u0085");
        // a surrogate pair is never split
        assertThat(UntrustedText.printable("a" + "😀".repeat(20), 10)).isEqualTo("a😀😀😀...");
    }

    @Test
    void sanitizingTwiceChangesNothing() {
        for (String text : new String[] { "x".repeat(500), "a\nb", "\u2028".repeat(100), "plain", "\\u0041" }) {
            String once = UntrustedText.message(text);
            assertThat(UntrustedText.message(once)).isEqualTo(once);
            assertThat(UntrustedText.id(UntrustedText.id(text))).isEqualTo(UntrustedText.id(text));
        }
    }
}
