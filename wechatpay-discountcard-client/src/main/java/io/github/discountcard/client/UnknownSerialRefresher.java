package io.github.discountcard.client;

import reactor.core.publisher.Mono;

/**
 * Gets a chance to load keys when a response names a {@code Wechatpay-Serial} we do not hold (a platform
 * certificate WeChat Pay rotated in, say), before verification fails.
 */
@FunctionalInterface
public interface UnknownSerialRefresher {

    /**
     * Refreshes the keys if that is allowed now (implementations rate-limit).
     * @param serial the unknown serial the response named
     * @return {@code true} when the key registry may now hold that serial and verification is worth retrying
     */
    Mono<Boolean> refreshFor(String serial);
}
