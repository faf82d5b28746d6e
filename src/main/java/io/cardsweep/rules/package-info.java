/**
 * Rules an instruction must pass before any money moves, as named objects that return an outcome:
 * the common ones (ids, amounts, cards) and each provider's documented limits.
 */
@NullMarked
package io.cardsweep.rules;

import org.jspecify.annotations.NullMarked;
