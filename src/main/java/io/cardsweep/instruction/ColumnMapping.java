package io.cardsweep.instruction;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which column of the source holds each instruction field, so a job definition can read files
 * whose columns are named its own way ({@code card_id: card_token}) without anyone editing them.
 *
 * @param columns the column name per field; every field has one
 */
public record ColumnMapping(Map<InstructionField, String> columns) {

    public ColumnMapping {
        EnumMap<InstructionField, String> copy = new EnumMap<>(InstructionField.class);
        copy.putAll(columns);
        Map<String, InstructionField> byColumn = new HashMap<>();
        for (InstructionField field : InstructionField.values()) {
            String column = copy.get(field);
            if (column == null || column.isBlank()) {
                throw new IllegalArgumentException("The column mapping has no column for " + field.column() + ".");
            }
            copy.put(field, column.strip());
            InstructionField clash = byColumn.put(normalize(column), field);
            if (clash != null) {
                throw new IllegalArgumentException("The column mapping reads both " + clash.column() + " and "
                        + field.column() + " from the column '" + column.strip() + "'.");
            }
        }
        columns = Collections.unmodifiableMap(copy);
    }

    /** Every field read from the column of its own name. */
    public static ColumnMapping defaults() {
        EnumMap<InstructionField, String> columns = new EnumMap<>(InstructionField.class);
        for (InstructionField field : InstructionField.values()) {
            columns.put(field, field.column());
        }
        return new ColumnMapping(columns);
    }

    /**
     * This mapping with some fields read from other columns.
     *
     * @param fieldToColumn keys are field names as in {@link InstructionField#column()} (e.g. {@code card_id}),
     *     values the column to read them from
     * @throws IllegalArgumentException for a key that names no field: a typo in a job definition must not
     *     silently fall back to the default column
     */
    public ColumnMapping withOverrides(Map<String, String> fieldToColumn) {
        EnumMap<InstructionField, String> changed = new EnumMap<>(columns);
        fieldToColumn.forEach((name, column) -> changed.put(fieldNamed(name).orElseThrow(
                () -> new IllegalArgumentException("The column mapping names an unknown field '" + name
                        + "'; fields are " + allFieldNames() + ".")), column));
        return new ColumnMapping(changed);
    }

    /** The column the field is read from, as configured (used in messages and reasons). */
    public String columnOf(InstructionField field) {
        return columns.get(field);
    }

    /** Header names match case-insensitively and ignoring surrounding spaces, as spreadsheets vary both. */
    static String normalize(String column) {
        return column.strip().toLowerCase(Locale.ROOT);
    }

    private static Optional<InstructionField> fieldNamed(String name) {
        return Stream.of(InstructionField.values())
                .filter(field -> field.column().equals(normalize(name)))
                .findFirst();
    }

    private static String allFieldNames() {
        return Stream.of(InstructionField.values()).map(InstructionField::column).collect(Collectors.joining(", "));
    }
}
