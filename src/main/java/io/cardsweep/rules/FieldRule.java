package io.cardsweep.rules;

import io.cardsweep.instruction.InstructionRow;

/** A rule on the raw text of a row, for what must hold before the row can be typed at all. */
@FunctionalInterface
interface FieldRule {

    RuleOutcome check(InstructionRow row);
}
