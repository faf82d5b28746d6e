package io.cardsweep.rules;

import java.math.BigDecimal;

import io.cardsweep.instruction.Instruction;
import io.cardsweep.instruction.InstructionField;

/** A provider's documented largest single withdrawal; above it the provider refuses, so we do not ask. */
record MaximumAmountRule(BigDecimal maximum) implements InstructionRule {

    @Override
    public RuleOutcome check(Instruction instruction) {
        BigDecimal amount = instruction.amount();
        if (amount == null || amount.compareTo(maximum) <= 0) {
            return RuleOutcome.PASS;
        }
        return RuleOutcome.violation(InstructionField.AMOUNT, "AMOUNT_ABOVE_MAXIMUM",
                Shown.quoted(amount.toPlainString()) + " is above the " + instruction.provider()
                        + " maximum of " + maximum.toPlainString());
    }
}
