package io.github.discountcard.client;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Reads APIv3 error bodies ({@code {"code", "message", "detail"}}) into {@link WechatPayServiceException}s. */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    /**
     * @param json the mapper to read the body with
     * @param status the HTTP status
     * @param body the error body as received (may be empty or not JSON)
     * @param requestId the {@code Request-ID} header
     * @param verified whether the error response's signature was verified
     */
    public static WechatPayServiceException toException(JsonMapper json, int status, byte[] body,
            @Nullable String requestId, boolean verified) {
        return toException(json, status, body, requestId, verified, null);
    }

    /** As above, with the {@code Retry-After} header value (seconds; an HTTP date is ignored). */
    public static WechatPayServiceException toException(JsonMapper json, int status, byte[] body,
            @Nullable String requestId, boolean verified, @Nullable String retryAfter) {
        ErrorBody error = null;
        try {
            error = (body.length > 0) ? json.readValue(body, ErrorBody.class) : null;
        }
        catch (JacksonException ex) {
            // not the documented error JSON (a proxy's HTML page, say): report the status alone
        }
        String detail = (error != null && error.detail() != null && !error.detail().isNull())
                ? json.writeValueAsString(error.detail()) : null;
        return new WechatPayServiceException(status, (error != null) ? error.code() : null,
                (error != null) ? error.message() : null, detail, requestId, verified, seconds(retryAfter));
    }

    private static @Nullable Duration seconds(@Nullable String retryAfter) {
        if (retryAfter == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(retryAfter.trim());
            return (seconds >= 0) ? Duration.ofSeconds(seconds) : null;
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }
}
