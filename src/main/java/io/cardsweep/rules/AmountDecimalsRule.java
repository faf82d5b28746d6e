package io.cardsweep.rules;

import io.cardsweep.instruction.InstructionField;
import io.cardsweep.instruction.InstructionRow;

/**
 * Amounts are in cents at most. The amount as written is refused, never rounded: {@code 12.345} usually
 * means a computed value slipped in, and rounding it silently would move a different sum than instructed.
 */
final class AmountDecimalsRule implements FieldRule {

    static final int MAX_DECIMALS = 2;

    @Override
    public RuleOutcome check(InstructionRow row) {
        String amount = row.value(InstructionField.AMOUNT);
        if (amount == null || Amounts.parse(amount).map(value -> value.scale() <= MAX_DECIMALS).orElse(true)) {
            return RuleOutcome.PASS;
        }
        return RuleOutcome.violation(InstructionField.AMOUNT, "AMOUNT_TOO_MANY_DECIMALS",
                Shown.quoted(amount) + " has more than " + MAX_DECIMALS + " decimal places");
    }
}
