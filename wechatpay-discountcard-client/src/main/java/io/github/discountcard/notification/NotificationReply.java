package io.github.discountcard.notification;

/**
 * The answer to send WeChat Pay for one delivery: {@code 204} with no body once the notification is handled (or
 * known to be), otherwise a non-2xx status with {@code {"code":"FAIL","message":"…"}}, whose short message never
 * carries internal detail. WeChat Pay delivers again after any non-2xx answer.
 * @param status the HTTP status
 * @param body the JSON body; empty for {@code 204}
 */
public record NotificationReply(int status, String body) {

    /** The content type of a failure body. */
    public static final String CONTENT_TYPE = "application/json";

    static NotificationReply received() {
        return new NotificationReply(204, "");
    }

    /** A failure reply; {@code message} is a fixed text of this library (no quotes or backslashes to escape). */
    static NotificationReply failure(int status, String message) {
        return new NotificationReply(status, "{\"code\":\"FAIL\",\"message\":\"" + message + "\"}");
    }

    /** Whether WeChat Pay takes this as received (2xx). */
    public boolean isSuccess() {
        return this.status >= 200 && this.status < 300;
    }

    /** Whether there is a body to send. */
    public boolean hasBody() {
        return !this.body.isEmpty();
    }
}
