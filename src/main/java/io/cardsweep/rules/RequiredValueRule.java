package io.cardsweep.rules;

import io.cardsweep.instruction.InstructionField;
import io.cardsweep.instruction.InstructionRow;

/** A field without which no withdrawal can be formed must have a non-blank value. */
record RequiredValueRule(InstructionField field) implements FieldRule {

    @Override
    public RuleOutcome check(InstructionRow row) {
        return row.value(field) != null ? RuleOutcome.PASS
                : RuleOutcome.violation(field, "MISSING_VALUE", "is missing");
    }
}
