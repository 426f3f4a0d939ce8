package io.github.discountcard.test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * One notification request as the simulator would send it: the headers ({@code Wechatpay-*}, {@code Request-ID},
 * {@code Content-Type}) and the exact body bytes. For tests that post it themselves.
 * @param id the notification id ({@code id} of the envelope)
 * @param eventType the {@code event_type} of the envelope
 * @param headers the request headers, in the order sent
 * @param body the exact body bytes
 */
public record SignedNotification(String id, String eventType, Map<String, String> headers, byte[] body) {

    public SignedNotification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(eventType, "eventType");
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return this.body.clone();
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(this.body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SignedNotification[" + this.id + " " + this.eventType + ", " + this.body.length + " bytes]";
    }
}
