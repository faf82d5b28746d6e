package io.cardsweep.instruction;

import java.util.EnumSet;
import java.util.Set;

/** The fields of an instruction, with their default column names in an input file. */
public enum InstructionField {

    INSTRUCTION_ID("instruction_id", true),
    PROVIDER("provider", true),
    CARD_ID("card_id", true),
    AMOUNT("amount", true),
    CURRENCY("currency", false),
    REFERENCE("reference", true),
    WALLET_ADDRESS("wallet_address", false),
    NETWORK("network", false),
    LATITUDE("latitude", false),
    LONGITUDE("longitude", false);

    private final String column;
    private final boolean requiredColumn;

    InstructionField(String column, boolean requiredColumn) {
        this.column = column;
        this.requiredColumn = requiredColumn;
    }

    /** The default column name, also the name used in reasons and configuration. */
    public String column() {
        return column;
    }

    /** Whether the input must have a column for this field (its values may still be optional per provider). */
    public boolean requiredColumn() {
        return requiredColumn;
    }

    public static Set<InstructionField> requiredColumns() {
        EnumSet<InstructionField> required = EnumSet.noneOf(InstructionField.class);
        for (InstructionField field : values()) {
            if (field.requiredColumn) {
                required.add(field);
            }
        }
        return required;
    }
}
