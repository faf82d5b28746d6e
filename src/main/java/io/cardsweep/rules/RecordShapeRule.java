package io.cardsweep.rules;

import io.cardsweep.instruction.InstructionRow;

/**
 * A record must have exactly as many fields as the header has columns. An unquoted comma in
 * {@code 1,000} shifts every later value one column right; the row could then look valid with an amount
 * of 1, so such a row is refused before any value is read from it.
 */
final class RecordShapeRule implements FieldRule {

    @Override
    public RuleOutcome check(InstructionRow row) {
        if (row.fieldCount() == row.columnCount()) {
            return RuleOutcome.PASS;
        }
        String hint = row.fieldCount() > row.columnCount() ? "; a value that contains a comma must be quoted" : "";
        return RuleOutcome.violation(null, "FIELD_COUNT_MISMATCH", "the record has " + row.fieldCount()
                + " fields where the header has " + row.columnCount() + " columns" + hint);
    }
}
