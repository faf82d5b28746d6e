/**
 * The withdrawal ledger: one row per instruction, its state machine and audit events, the
 * exactly-once claim before each call, and the report and summary read from it.
 */
@NullMarked
package io.cardsweep.ledger;

import org.jspecify.annotations.NullMarked;
