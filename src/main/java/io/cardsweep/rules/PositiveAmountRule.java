package io.cardsweep.rules;

import io.cardsweep.instruction.InstructionField;
import io.cardsweep.instruction.InstructionRow;

/** A withdrawal of nothing is a mistake in the input, not a no-op to send. */
final class PositiveAmountRule implements FieldRule {

    @Override
    public RuleOutcome check(InstructionRow row) {
        String amount = row.value(InstructionField.AMOUNT);
        if (amount == null || Amounts.parse(amount).map(value -> value.signum() > 0).orElse(true)) {
            return RuleOutcome.PASS;
        }
        return RuleOutcome.violation(InstructionField.AMOUNT, "AMOUNT_NOT_POSITIVE",
                Shown.quoted(amount) + " is not greater than zero");
    }
}
