package io.cardsweep.rules;

import io.cardsweep.instruction.InstructionRow;
import io.cardsweep.instruction.RecordDefect;

/**
 * A record the reader could not read as written (a line past the limit, a misplaced quote) is refused before any
 * of its values is looked at: they may be cut short or belong to other columns.
 */
final class WellFormedRecordRule implements FieldRule {

    @Override
    public RuleOutcome check(InstructionRow row) {
        RecordDefect defect = row.defect();
        return defect == null ? RuleOutcome.PASS : RuleOutcome.violation(null, defect.code(), defect.description());
    }
}
