package io.cardsweep.rules;

import java.util.regex.Pattern;

import io.cardsweep.instruction.InstructionField;
import io.cardsweep.instruction.InstructionRow;

/**
 * Latitude and longitude are optional here (Nueve09's rule set will require them); when given they must be
 * signed decimals, so the typed instruction can hold them without guessing.
 */
record CoordinateRule(InstructionField field) implements FieldRule {

    private static final Pattern SIGNED_DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    @Override
    public RuleOutcome check(InstructionRow row) {
        String value = row.value(field);
        if (value == null || SIGNED_DECIMAL.matcher(value).matches()) {
            return RuleOutcome.PASS;
        }
        return RuleOutcome.violation(field, "COORDINATE_INVALID", Shown.quoted(value) + " is not a decimal number such as -99.13321");
    }
}
