package io.cardsweep.instruction;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One record of the source as read, before any rule: raw text per field.
 *
 * @param line the 1-based line number where the record starts in the file (the header is line 1)
 * @param values the raw, unstripped values of the fields the source has columns for
 */
public record InstructionRow(long line, Map<InstructionField, String> values) {

    public InstructionRow {
        values = Collections.unmodifiableMap(values.isEmpty() ? new EnumMap<>(InstructionField.class) : new EnumMap<>(values));
    }

    /** The value stripped of surrounding white space, or null when absent or blank. */
    public @Nullable String value(InstructionField field) {
        String raw = values.get(field);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return raw.strip();
    }
}
