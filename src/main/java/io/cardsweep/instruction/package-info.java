/**
 * Withdrawal instructions as operations teams supply them: the CSV source, column mapping,
 * and the typed instruction the rest of the application works with.
 */
@NullMarked
package io.cardsweep.instruction;

import org.jspecify.annotations.NullMarked;
