/**
 * Nueve09 (NeCIPCo) adapter: login token read from the {@code Authorization} response header and renewed once
 * after a 401, card numbers RSA-sealed with the provider's public key, answers classified by their {@code code}.
 */
@NullMarked
package io.cardsweep.provider.nueve09;

import org.jspecify.annotations.NullMarked;
