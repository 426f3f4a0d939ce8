/**
 * The WeChat Pay APIv3 protocol core: key material, request signing, response verification,
 * AEAD_AES_256_GCM and RSA-OAEP. Plain JDK crypto; nothing here depends on Spring.
 * <p>
 * Every class is thread-safe and meant to be built once and shared by all requests.
 */
@NullMarked
package io.github.discountcard.core;

import org.jspecify.annotations.NullMarked;
