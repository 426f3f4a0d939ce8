/**
 * An embedded WeChat Pay APIv3 simulator for the discount card (先享卡) order endpoints, for tests.
 * <p>
 * {@link io.github.discountcard.test.DiscountCardSimulator} is a real HTTP server on loopback (Reactor Netty,
 * no Spring) that checks request signatures like WeChat Pay, signs every response with a platform key or
 * certificate, keeps orders in memory and has fault knobs. {@link io.github.discountcard.test.TestMerchant}
 * makes merchant keys; {@link io.github.discountcard.test.DiscountCardSimulatorExtension} runs a simulator for a
 * JUnit test class. All crypto comes from the protocol core ({@code io.github.discountcard.core}).
 */
@NullMarked
package io.github.discountcard.test;

import org.jspecify.annotations.NullMarked;
