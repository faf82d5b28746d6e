/**
 * The port every card provider adapter implements: one withdrawal request in, one classified outcome out.
 * Adapters live in one sub-package per provider and never leak their DTOs or error codes.
 */
@NullMarked
package io.cardsweep.provider;

import org.jspecify.annotations.NullMarked;
