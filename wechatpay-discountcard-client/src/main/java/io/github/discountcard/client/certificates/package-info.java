/**
 * Platform certificates downloaded from {@code GET /v3/certificates}: decrypted with the APIv3 key, checked,
 * swapped into the key registry atomically, and refreshed on a schedule and on an unknown serial.
 */
@NullMarked
package io.github.discountcard.client.certificates;

import org.jspecify.annotations.NullMarked;
