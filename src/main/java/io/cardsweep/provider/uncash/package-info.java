/**
 * Uncash adapter: static bearer key, errors classified by their message (the only discriminator),
 * both generations of the success body accepted.
 */
@NullMarked
package io.cardsweep.provider.uncash;

import org.jspecify.annotations.NullMarked;
