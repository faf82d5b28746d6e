package io.cardsweep.rules;

import io.cardsweep.instruction.InstructionField;
import io.cardsweep.instruction.InstructionRow;

/**
 * An amount must be given, unless the job sweeps whole balances: then an empty amount, or {@code ALL}, asks for the
 * card's whole balance. A job that moves given amounts (a per-diem reclaim) refuses both, since an amount left out
 * by mistake must not empty a card.
 */
record AmountGivenRule(boolean fullBalances) implements FieldRule {

    @Override
    public RuleOutcome check(InstructionRow row) {
        String amount = row.value(InstructionField.AMOUNT);
        if (!Amounts.isFullBalance(amount) || fullBalances) {
            return RuleOutcome.PASS;
        }
        if (amount == null) {
            return RuleOutcome.violation(InstructionField.AMOUNT, "MISSING_VALUE", "is missing");
        }
        return RuleOutcome.violation(InstructionField.AMOUNT, "FULL_BALANCE_NOT_ALLOWED",
                Shown.quoted(amount) + " (the card's whole balance) is not allowed by this job (full-balance: false)");
    }
}
