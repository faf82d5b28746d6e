package io.cardsweep.rules;

import io.cardsweep.instruction.Instruction;
import io.cardsweep.instruction.InstructionField;

/**
 * Plu documents no way to read a card's balance, so no withdrawal can be sized to it: a Plu card's whole balance is
 * reclaimed by terminating the card, which liquidates the balance to the wallet. A job that does not terminate its
 * cards cannot carry out such an instruction, and says so before anything is sent.
 */
record PluFullBalanceRule(boolean terminates) implements InstructionRule {

    @Override
    public RuleOutcome check(Instruction instruction) {
        if (!instruction.fullBalance() || terminates) {
            return RuleOutcome.PASS;
        }
        return RuleOutcome.violation(InstructionField.AMOUNT, "FULL_BALANCE_UNREADABLE",
                "asks for the card's whole balance, which Plu cannot tell: Plu cards are swept by termination only (terminate: true)");
    }
}
