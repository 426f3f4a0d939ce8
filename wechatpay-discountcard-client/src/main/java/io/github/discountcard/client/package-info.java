/**
 * The reactive WeChat Pay discount card client: {@link io.github.discountcard.client.DiscountCardClient}, the
 * generic {@link io.github.discountcard.client.WechatPayApi} it runs on (the signing exchange filter, one pass
 * over each answer that verifies it before decoding), its observation types, and its exception hierarchy rooted
 * at {@link io.github.discountcard.client.WechatPayException}.
 */
@NullMarked
package io.github.discountcard.client;

import org.jspecify.annotations.NullMarked;
