/**
 * Opening WeChat's discount card claim page (no HTTP call): {@link io.github.discountcard.client.launch.CardLaunch}
 * for the cards family (from a {@code prepare_card_token}) and
 * {@link io.github.discountcard.client.launch.OrderLaunchSigner} for the orders family (signed parameters).
 */
@NullMarked
package io.github.discountcard.client.launch;

import org.jspecify.annotations.NullMarked;
