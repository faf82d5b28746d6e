package io.cardsweep.rules;

import io.cardsweep.instruction.InstructionField;
import io.cardsweep.instruction.InstructionRow;
import io.cardsweep.instruction.VisibleText;

/**
 * The instruction id becomes part of the ledger key and the provider idempotency key, so it has a bounded
 * length and only printable characters (an invisible control character would make two ids look alike).
 */
final class InstructionIdRule implements FieldRule {

    static final int MAX_LENGTH = 128;

    @Override
    public RuleOutcome check(InstructionRow row) {
        String id = row.value(InstructionField.INSTRUCTION_ID);
        if (id == null) {
            return RuleOutcome.PASS;
        }
        if (id.codePointCount(0, id.length()) > MAX_LENGTH) {
            return RuleOutcome.violation(InstructionField.INSTRUCTION_ID, "INSTRUCTION_ID_TOO_LONG",
                    Shown.quoted(id) + " is longer than " + MAX_LENGTH + " characters");
        }
        if (!id.codePoints().allMatch(VisibleText::isPrintable)) {
            return RuleOutcome.violation(InstructionField.INSTRUCTION_ID, "INSTRUCTION_ID_NOT_PRINTABLE",
                    Shown.quoted(id) + " contains characters that are not printable");
        }
        return RuleOutcome.PASS;
    }
}
