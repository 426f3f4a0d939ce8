package io.github.discountcard.client;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

import io.github.discountcard.core.SignatureVerificationException;
import io.netty.channel.ChannelException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * The one place that makes each exception of a call: every message built here puts answer text through
 * {@link UntrustedText} and ends in the {@code Request-ID}.
 */
final class WechatPayExceptions {

    private WechatPayExceptions() {
    }

    static WechatPayInvalidRequestException invalidRequest(List<String> problems) {
        return new WechatPayInvalidRequestException(problems);
    }

    static WechatPayInvalidResponseException tooLarge(int maxBytes, @Nullable String requestId, Throwable cause) {
        return new WechatPayInvalidResponseException(
                "The WeChat Pay response body exceeds the limit of " + maxBytes + " bytes", requestId, cause);
    }

    static WechatPaySignatureException signature(SignatureVerificationException cause, @Nullable String requestId) {
        return new WechatPaySignatureException(cause, requestId);
    }

    static WechatPayInvalidResponseException unreadable(Class<?> type, JacksonException cause,
            @Nullable String requestId) {
        return new WechatPayInvalidResponseException("The verified WeChat Pay response is not a readable "
                + type.getSimpleName() + ": " + UntrustedText.message(cause.getOriginalMessage()), requestId, cause);
    }

    static WechatPayInvalidResponseException noAnswer(Class<?> type, @Nullable String requestId) {
        return new WechatPayInvalidResponseException("The verified WeChat Pay response holds no "
                + type.getSimpleName() + " (empty or null body)", requestId, null);
    }

    static WechatPayInvalidResponseException anotherOrder(String field, String asked, @Nullable String answered,
            @Nullable String requestId) {
        return new WechatPayInvalidResponseException("The verified WeChat Pay response is an answer for another "
                + "order: asked for " + field + " '" + UntrustedText.id(asked) + "', answered '"
                + UntrustedText.id(answered) + "'", requestId, null);
    }

    /** An error answer ({@code {"code", "message", "detail"}}), verified or not; its body may be anything. */
    static WechatPayServiceException service(JsonMapper json, int status, byte[] body, @Nullable String requestId,
            boolean verified, @Nullable String retryAfter) {
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

    /** The call as a whole outlived its timeout (retries and waits included). */
    static WechatPayTimeoutException callTimeout(CallTarget target, Duration timeout, int attempts,
            Throwable cause) {
        return new WechatPayTimeoutException("The call " + target + " did not complete within " + timeout + " ("
                + attempts + " attempts)", cause);
    }

    /**
     * Connection lost or timed out, before or after the headers: a transport failure, typed (and retryable).
     * Anything else (a bug in a user's filter, say) stays what it is: {@code null}.
     */
    static @Nullable WechatPayTransportException transport(CallTarget target, Throwable failure) {
        if (failure instanceof WechatPayException || !isTransportFailure(failure)) {
            return null;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
                return new WechatPayTimeoutException("WeChat Pay did not answer " + target + " in time: "
                        + cause.getClass().getSimpleName(), failure);
            }
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return new WechatPayTransportException("The request " + target + " to WeChat Pay failed: "
                + root.getClass().getSimpleName()
                + ((root.getMessage() != null) ? ": " + UntrustedText.message(root.getMessage()) : ""), failure);
    }

    private static boolean isTransportFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof WebClientRequestException || cause instanceof IOException
                    || cause instanceof TimeoutException || cause instanceof ChannelException) {
                return true;
            }
        }
        return false;
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
            return null; // an HTTP date is ignored
        }
    }
}
