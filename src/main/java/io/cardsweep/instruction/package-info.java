/**
 * Withdrawal instructions as operations teams supply them: the CSV and table sources, column mapping,
 * and the typed instruction the rest of the application works with.
 */
@NullMarked
package io.cardsweep.instruction;

import org.jspecify.annotations.NullMarked;
