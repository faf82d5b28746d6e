package io.cardsweep.rules;

import io.cardsweep.instruction.ColumnMapping;
import io.cardsweep.instruction.Instruction;
import io.cardsweep.instruction.InstructionField;

/**
 * Nueve09 wants the caller's location with every withdrawal. A row without both coordinates has already been
 * given the configured default location (see {@code InstructionScreen}), so what is left here is a row with one
 * coordinate only, or none where no default is configured. Half a location is refused rather than completed
 * from the default: the two would name a place nobody was.
 */
final class LocationRule implements InstructionRule {

    private final ColumnMapping columns;

    LocationRule(ColumnMapping columns) {
        this.columns = columns;
    }

    @Override
    public RuleOutcome check(Instruction instruction) {
        boolean latitude = instruction.latitude() != null;
        boolean longitude = instruction.longitude() != null;
        if (latitude && longitude) {
            return RuleOutcome.PASS;
        }
        if (latitude) {
            return missing(InstructionField.LONGITUDE, "is missing while " + columns.columnOf(InstructionField.LATITUDE)
                    + " is given: give both coordinates or neither");
        }
        if (longitude) {
            return missing(InstructionField.LATITUDE, "is missing while " + columns.columnOf(InstructionField.LONGITUDE)
                    + " is given: give both coordinates or neither");
        }
        return missing(InstructionField.LATITUDE, "is missing: " + instruction.provider() + " withdrawals need the caller's location in "
                + columns.columnOf(InstructionField.LATITUDE) + " and " + columns.columnOf(InstructionField.LONGITUDE)
                + ", or a configured default location");
    }

    private static RuleOutcome missing(InstructionField field, String rule) {
        return RuleOutcome.violation(field, "LOCATION_REQUIRED", rule);
    }
}
