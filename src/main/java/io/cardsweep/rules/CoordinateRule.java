package io.cardsweep.rules;

import java.math.BigDecimal;
import java.util.regex.Pattern;

import io.cardsweep.instruction.InstructionField;
import io.cardsweep.instruction.InstructionRow;

/**
 * Latitude and longitude are optional here (Nueve09's rule set will require them); when given they must be
 * signed decimals with at most 5 places (Nueve09's precision) within the range of the axis.
 */
record CoordinateRule(InstructionField field) implements FieldRule {

    private static final Pattern SIGNED_DECIMAL = Pattern.compile("-?[0-9]{1,3}(\\.[0-9]{1,5})?");

    @Override
    public RuleOutcome check(InstructionRow row) {
        String value = row.value(field);
        if (value == null) {
            return RuleOutcome.PASS;
        }
        if (!SIGNED_DECIMAL.matcher(value).matches()) {
            return RuleOutcome.violation(field, "COORDINATE_INVALID",
                    Shown.quoted(value) + " is not a decimal number with at most 5 places, such as -99.13321");
        }
        BigDecimal limit = field == InstructionField.LATITUDE ? new BigDecimal(90) : new BigDecimal(180);
        if (new BigDecimal(value).abs().compareTo(limit) > 0) {
            return RuleOutcome.violation(field, "COORDINATE_OUT_OF_RANGE",
                    Shown.quoted(value) + " is outside -" + limit + " to " + limit);
        }
        return RuleOutcome.PASS;
    }
}
