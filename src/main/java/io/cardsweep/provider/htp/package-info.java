/**
 * HTP adapter: HMAC-signed agent token renewed before expiry and once after an auth failure, errors read from
 * the body's {@code status_code} (HTP answers most of them as HTTP 200), and a withdrawal followed by its
 * status lookup until it settles, since HTP takes no idempotency key and a lookup is the only way to know.
 */
@NullMarked
package io.cardsweep.provider.htp;

import org.jspecify.annotations.NullMarked;
