package io.github.discountcard.client;

import org.jspecify.annotations.Nullable;

/** A check that a verified, decoded answer belongs to its request (the order asked for, say). */
@FunctionalInterface
interface AnswerCheck<T> {

    /** @return the exception to fail the call with, or {@code null} when the answer belongs to the request */
    @Nullable WechatPayInvalidResponseException check(T answer, @Nullable String requestId);

    /** The answer's {@code field} (read by {@code value}) must equal what was asked. */
    static <T> AnswerCheck<T> sameValue(String field, String asked, java.util.function.Function<T, @Nullable String> value) {
        return (answer, requestId) -> {
            String answered = value.apply(answer);
            return asked.equals(answered) ? null : WechatPayExceptions.anotherOrder(field, asked, answered, requestId);
        };
    }
}
