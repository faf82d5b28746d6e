package io.cardsweep.rules;

import io.cardsweep.instruction.InstructionField;
import io.cardsweep.instruction.InstructionRow;

/**
 * The amount must be written as a plain decimal (see {@link Amounts}). A minus sign gets its own reason,
 * since the fix for {@code -5} is not the fix for {@code 1e3}.
 */
final class AmountFormatRule implements FieldRule {

    @Override
    public RuleOutcome check(InstructionRow row) {
        String amount = row.value(InstructionField.AMOUNT);
        // A whole balance asked for where the job does not allow it was refused by the rule before.
        if (Amounts.isFullBalance(amount) || Amounts.isPlainDecimal(amount)) {
            return RuleOutcome.PASS;
        }
        if (amount.startsWith("-") && Amounts.isPlainDecimal(amount.substring(1))) {
            return RuleOutcome.violation(InstructionField.AMOUNT, "AMOUNT_NOT_POSITIVE",
                    Shown.quoted(amount) + " is not greater than zero");
        }
        return RuleOutcome.violation(InstructionField.AMOUNT, "AMOUNT_NOT_PLAIN_DECIMAL",
                Shown.quoted(amount) + " is not a plain decimal number such as 12.50");
    }
}
