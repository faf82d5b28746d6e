package io.cardsweep.rules;

import io.cardsweep.instruction.Instruction;
import io.cardsweep.instruction.InstructionField;

/**
 * For providers that require a reference (Plu): without one the provider answers 422, so the row is refused
 * before it reaches the ledger. Blank counts as missing; the upper bound is the common {@link ReferenceLengthRule}.
 */
final class ReferenceRequiredRule implements InstructionRule {

    @Override
    public RuleOutcome check(Instruction instruction) {
        String reference = instruction.reference();
        if (reference != null && !reference.isBlank()) {
            return RuleOutcome.PASS;
        }
        return RuleOutcome.violation(InstructionField.REFERENCE, "REFERENCE_REQUIRED",
                "is missing, and " + instruction.provider() + " requires a reference of 1 to " + ReferenceLengthRule.MAX_LENGTH + " characters");
    }
}
