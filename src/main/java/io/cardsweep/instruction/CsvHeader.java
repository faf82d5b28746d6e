package io.cardsweep.instruction;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The header row of an instruction file resolved against a {@link ColumnMapping}: where each field is.
 * Rejects the whole file when a required column is missing or a name repeats, since either would make every
 * row ambiguous, and when it has a {@code pin} column: cardsweep never sends PINs, and a file that carries them
 * should not be passed around as if it were harmless, so it is refused before any row is read.
 */
final class CsvHeader {

    private static final String PIN = "pin";

    private final Map<InstructionField, Integer> positions;
    private final int width;

    private CsvHeader(Map<InstructionField, Integer> positions, int width) {
        this.positions = positions;
        this.width = width;
    }

    static CsvHeader of(Path file, CsvRecord header, ColumnMapping mapping) {
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            String name = ColumnMapping.normalize(header.fields().get(i));
            if (name.equals(PIN)) {
                throw new InputFileException(file, "has a '" + header.fields().get(i).strip()
                        + "' column: cardsweep never sends PINs, so remove the column.");
            }
            if (!name.isEmpty() && byName.putIfAbsent(name, i) != null) {
                throw new InputFileException(file, "has the column '" + header.fields().get(i).strip()
                        + "' more than once (line " + header.line() + " has: " + listed(header) + ").");
            }
        }
        Map<InstructionField, Integer> positions = new EnumMap<>(InstructionField.class);
        List<String> missing = new ArrayList<>();
        for (InstructionField field : InstructionField.values()) {
            Integer position = byName.get(ColumnMapping.normalize(mapping.columnOf(field)));
            if (position != null) {
                positions.put(field, position);
            } else if (field.requiredColumn()) {
                missing.add("'" + mapping.columnOf(field) + "'");
            }
        }
        if (!missing.isEmpty()) {
            throw new InputFileException(file, "has no column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " (line " + header.line() + " has: " + listed(header) + ").");
        }
        return new CsvHeader(positions, header.fields().size());
    }

    /** The columns every instruction file needs, named as the mapping reads them. */
    static Set<String> requiredColumns(ColumnMapping mapping) {
        Set<String> required = new LinkedHashSet<>();
        for (InstructionField field : InstructionField.requiredColumns()) {
            required.add(mapping.columnOf(field));
        }
        return required;
    }

    /** The record's values by field; fields the record is too short to have are absent. */
    InstructionRow toRow(CsvRecord record) {
        Map<InstructionField, String> values = new EnumMap<>(InstructionField.class);
        positions.forEach((field, position) -> {
            if (position < record.fields().size()) {
                values.put(field, record.fields().get(position));
            }
        });
        return new InstructionRow(record.line(), values, record.fields().size(), width);
    }

    private static String listed(CsvRecord header) {
        String names = header.fields().stream().map(String::strip).collect(Collectors.joining(", "));
        return names.length() <= 200 ? names : names.substring(0, 200) + "…";
    }
}
