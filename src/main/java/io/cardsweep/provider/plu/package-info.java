/**
 * Plu adapter: static bearer key, a deterministic idempotency key per instruction, errors classified by the
 * code Plu puts in {@code message}. A reused key means an earlier attempt reached Plu, never "safe to resend".
 */
@NullMarked
package io.cardsweep.provider.plu;

import org.jspecify.annotations.NullMarked;
