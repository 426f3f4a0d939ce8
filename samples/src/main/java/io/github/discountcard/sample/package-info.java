/**
 * A Spring Boot WebFlux app that uses the discount card starter as an application would.
 */
@NullMarked
package io.github.discountcard.sample;

import org.jspecify.annotations.NullMarked;
