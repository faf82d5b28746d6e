package io.cardsweep.rules;

import java.math.BigDecimal;

import io.cardsweep.instruction.Instruction;
import io.cardsweep.instruction.InstructionField;

/** A provider's documented smallest withdrawal; below it the provider refuses, so we do not ask. */
record MinimumAmountRule(BigDecimal minimum) implements InstructionRule {

    @Override
    public RuleOutcome check(Instruction instruction) {
        BigDecimal amount = instruction.amount();
        if (amount == null || amount.compareTo(minimum) >= 0) {
            return RuleOutcome.PASS;
        }
        return RuleOutcome.violation(InstructionField.AMOUNT, "AMOUNT_BELOW_MINIMUM",
                Shown.quoted(amount.toPlainString()) + " is below the " + instruction.provider()
                        + " minimum of " + minimum.toPlainString());
    }
}
