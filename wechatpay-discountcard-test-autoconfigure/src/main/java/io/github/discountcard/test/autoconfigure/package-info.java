/**
 * The Spring Boot test kit: {@link io.github.discountcard.test.autoconfigure.AutoConfigureDiscountCardSimulator} on
 * a {@code @SpringBootTest} runs the application against the WeChat Pay simulator, and
 * {@link io.github.discountcard.test.autoconfigure.SimulatedWechatPay} drives cards, orders and notifications from
 * the test.
 * <p>
 * Why a module of its own ({@code wechatpay-discountcard-test-autoconfigure}), like Spring Boot's
 * {@code spring-boot-test-autoconfigure} beside {@code spring-boot-test}: the simulator module
 * ({@code wechatpay-discountcard-test}) depends on the core (and the client) only, so that plain JUnit tests, the
 * client's own tests and the standalone simulator carry no Spring Boot; and the starter's autoconfigure module must
 * not carry test code into applications. The glue between the simulator and Spring Boot's test support lives here,
 * in test scope of the application only. It refers to the starter by its {@code wechatpay.*} property names, not by
 * its classes, so it adds no dependency on the starter's internals.
 */
@NullMarked
package io.github.discountcard.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
