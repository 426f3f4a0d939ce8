/**
 * The reactive WeChat Pay discount card client: {@link io.github.discountcard.client.DiscountCardClient}, the
 * signing and verifying exchange filters it runs on, and its exception hierarchy rooted at
 * {@link io.github.discountcard.client.WechatPayException}.
 */
@NullMarked
package io.github.discountcard.client;

import org.jspecify.annotations.NullMarked;
