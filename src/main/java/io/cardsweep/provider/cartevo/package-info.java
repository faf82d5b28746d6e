/**
 * Cartevo adapter: client-credentials token renewed before expiry and once after a 401,
 * withdrawals classified by HTTP status and known message texts (English or French).
 */
@NullMarked
package io.cardsweep.provider.cartevo;

import org.jspecify.annotations.NullMarked;
