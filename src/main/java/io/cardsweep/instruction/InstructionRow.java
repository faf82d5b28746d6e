package io.cardsweep.instruction;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One record of the source as read, before any rule: raw text per field.
 *
 * <p>The field and column counts travel with the row because a CSV record with an unquoted comma
 * shifts every value after it (an amount {@code 1,000} becomes {@code 1}); only the counts reveal
 * that, and the rules, not the reader, turn it into a rejection.
 *
 * @param line the 1-based line number where the record starts in the file (the header is line 1)
 * @param values the raw, unstripped values of the fields the source has columns for
 * @param fieldCount how many fields the record has
 * @param columnCount how many columns the source declares (the header's width)
 * @param defect set when the record could not be read as written (a line too long, a misplaced quote)
 */
public record InstructionRow(long line, Map<InstructionField, String> values, int fieldCount, int columnCount,
        @Nullable RecordDefect defect) {

    public InstructionRow {
        values = Collections.unmodifiableMap(values.isEmpty() ? new EnumMap<>(InstructionField.class) : new EnumMap<>(values));
    }

    /** A record read as written. */
    public InstructionRow(long line, Map<InstructionField, String> values, int fieldCount, int columnCount) {
        this(line, values, fieldCount, columnCount, null);
    }

    /** A row from a source whose records always have as many fields as it has columns (a table). */
    public InstructionRow(long line, Map<InstructionField, String> values) {
        this(line, values, values.size(), values.size());
    }

    /** The value stripped of surrounding white space, or null when absent or blank. */
    public @Nullable String value(InstructionField field) {
        String raw = values.get(field);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return raw.strip();
    }

    /** Only the line and which fields it has: any value may be a card number or a key put in the wrong column. */
    @Override
    public String toString() {
        return "InstructionRow[line=" + line + ", fields=" + values.keySet() + (defect != null ? ", defect=" + defect.code() : "") + "]";
    }
}
