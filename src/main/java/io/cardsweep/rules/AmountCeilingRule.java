package io.cardsweep.rules;

import java.math.BigDecimal;

import io.cardsweep.instruction.InstructionField;
import io.cardsweep.instruction.InstructionRow;

/**
 * No provider moves a trillion on one card; an amount that large is a slipped column or a typo, and
 * the ledger (NUMERIC(14,2)) could not hold it anyway.
 */
final class AmountCeilingRule implements FieldRule {

    static final BigDecimal CEILING = new BigDecimal("999999999999.99");

    @Override
    public RuleOutcome check(InstructionRow row) {
        String amount = row.value(InstructionField.AMOUNT);
        if (amount == null || Amounts.parse(amount).map(value -> value.compareTo(CEILING) <= 0).orElse(true)) {
            return RuleOutcome.PASS;
        }
        return RuleOutcome.violation(InstructionField.AMOUNT, "AMOUNT_ABOVE_MAXIMUM",
                Shown.quoted(amount) + " is above the largest amount cardsweep accepts, " + CEILING.toPlainString());
    }
}
