package io.github.discountcard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SignedMessagesTests {

    @Test
    void asciiPartsBecomeLinesByteForByte() {
        assertThat(SignedMessages.lines("PATCH", "/v3/discount-card/orders/a%2Fb?x=1", "1700000000", "NONCE"))
            .isEqualTo("PATCH\n/v3/discount-card/orders/a%2Fb?x=1\n1700000000\nNONCE\n".getBytes(StandardCharsets.UTF_8));
        assertThat(SignedMessages.lines()).isEmpty();
        assertThat(SignedMessages.lines("", "")).isEqualTo(new byte[] { '\n', '\n' });
    }

    @Test
    void nonAsciiPartsAreUtf8LikeTheConcatenatedText() {
        for (String odd : new String[] { "/v3/订单", "é", "\u0080", "\u00ff", "x\uD83D\uDE00y" }) {
            assertThat(SignedMessages.lines("GET", odd, "1"))
                .as(odd)
                .isEqualTo(("GET\n" + odd + "\n1\n").getBytes(StandardCharsets.UTF_8));
        }
    }
}
