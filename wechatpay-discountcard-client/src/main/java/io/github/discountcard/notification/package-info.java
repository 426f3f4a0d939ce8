/**
 * WeChat Pay discount card notifications (回调通知), independent of the web stack: a
 * {@link io.github.discountcard.notification.NotificationProcessor} takes the raw headers and the exact body bytes of
 * one delivery, verifies the signature before anything reads the body, decrypts the {@code resource} with the APIv3
 * key, drops duplicates by notification id, calls the application's
 * {@link io.github.discountcard.notification.DiscountCardNotificationHandler}s and answers with the
 * {@link io.github.discountcard.notification.NotificationReply} to send back: 2xx only once every handler has
 * finished, a {@code {"code":"FAIL","message":…}} failure otherwise, so WeChat Pay retries and nothing is lost.
 */
@NullMarked
package io.github.discountcard.notification;

import org.jspecify.annotations.NullMarked;
