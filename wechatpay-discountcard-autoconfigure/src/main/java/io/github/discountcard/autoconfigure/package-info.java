/**
 * Spring Boot auto-configuration: binds {@code wechatpay.*} to the merchant signer, the response verifier and
 * a ready {@link io.github.discountcard.client.DiscountCardClient}, and explains bad configuration at startup.
 */
@NullMarked
package io.github.discountcard.autoconfigure;

import org.jspecify.annotations.NullMarked;
