package io.cardsweep.rules;

import java.util.function.IntPredicate;

import io.cardsweep.instruction.InstructionField;
import io.cardsweep.instruction.InstructionRow;
import io.cardsweep.instruction.VisibleText;

/**
 * Card ids and references are refused when they hold a character nobody can see. In a card id (also a no-break
 * or other odd space) it makes an id that looks right fail at the provider as "not found", and the masked id in
 * the reason would hide it; a reference goes to the provider and onto statements as it is, where a line break, an
 * escape sequence or a direction override ({@code U+202E} shows "abc" as "cba") has no place. The reason names the
 * character and its position rather than quoting a card id, which may be a card number.
 */
record PrintableTextRule(InstructionField field) implements FieldRule {

    @Override
    public RuleOutcome check(InstructionRow row) {
        String value = row.value(field);
        if (value == null) {
            return RuleOutcome.PASS;
        }
        IntPredicate refused = field == InstructionField.CARD_ID ? VisibleText::isInvisible : c -> !VisibleText.isPrintable(c);
        int position = 1;
        for (int i = 0; i < value.length(); i += Character.charCount(value.codePointAt(i)), position++) {
            int c = value.codePointAt(i);
            if (refused.test(c)) {
                String shown = field == InstructionField.CARD_ID ? "" : Shown.quoted(value) + " ";
                return RuleOutcome.violation(field, field.name() + "_NOT_PRINTABLE", shown + "contains a character that is not printable, "
                        + VisibleText.of(Character.toString(c)) + " at position " + position);
            }
        }
        return RuleOutcome.PASS;
    }
}
