package io.github.discountcard.client;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * A check that a verified, decoded answer belongs to its request: the order asked for ({@code out_order_no},
 * {@code out_trade_no}), and in the same way a card ({@code out_card_code}). Every typed call passes one to
 * {@link WechatPayApi}; a mismatch fails the call with a {@link WechatPayInvalidResponseException} ("answer for
 * another order") and is never retried. It cannot detect a genuine earlier answer about the same order replayed
 * within the timestamp window: answers carry no reference to the request they answer.
 */
@FunctionalInterface
interface AnswerCheck<T> {

    /** @return the exception to fail the call with, or {@code null} when the answer belongs to the request */
    @Nullable WechatPayInvalidResponseException check(T answer, @Nullable String requestId);

    /** The answer's {@code field} (read by {@code value}) must equal what was asked. */
    static <T> AnswerCheck<T> sameValue(String field, String asked, Function<T, @Nullable String> value) {
        return (answer, requestId) -> {
            String answered = value.apply(answer);
            return asked.equals(answered) ? null : WechatPayExceptions.anotherOrder(field, asked, answered, requestId);
        };
    }
}
