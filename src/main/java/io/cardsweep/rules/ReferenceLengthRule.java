package io.cardsweep.rules;

import io.cardsweep.instruction.InstructionField;
import io.cardsweep.instruction.InstructionRow;

/** References are bounded by the strictest provider that takes one (Plu: 256 characters). */
final class ReferenceLengthRule implements FieldRule {

    static final int MAX_LENGTH = 256;

    @Override
    public RuleOutcome check(InstructionRow row) {
        String reference = row.value(InstructionField.REFERENCE);
        if (reference == null) {
            return RuleOutcome.PASS;
        }
        int length = reference.codePointCount(0, reference.length());
        if (length <= MAX_LENGTH) {
            return RuleOutcome.PASS;
        }
        return RuleOutcome.violation(InstructionField.REFERENCE, "REFERENCE_TOO_LONG",
                Shown.quoted(reference) + " is " + length + " characters long, more than the " + MAX_LENGTH + " allowed");
    }
}
