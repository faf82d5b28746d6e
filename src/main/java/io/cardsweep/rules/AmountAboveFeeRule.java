package io.cardsweep.rules;

import java.math.BigDecimal;

import io.cardsweep.instruction.Instruction;
import io.cardsweep.instruction.InstructionField;

/** HTP keeps a fee from each withdrawal and refuses an amount that does not exceed it. */
record AmountAboveFeeRule(BigDecimal fee) implements InstructionRule {

    @Override
    public RuleOutcome check(Instruction instruction) {
        BigDecimal amount = instruction.amount();
        if (amount == null || amount.compareTo(fee) > 0) {
            return RuleOutcome.PASS;
        }
        return RuleOutcome.violation(InstructionField.AMOUNT, "AMOUNT_NOT_ABOVE_FEE",
                Shown.quoted(amount.toPlainString()) + " is not above the " + instruction.provider()
                        + " fee of " + fee.toPlainString());
    }
}
