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

import io.cardsweep.provider.CardMask;
import org.jspecify.annotations.Nullable;

/**
 * The header row of an instruction file resolved against a {@link ColumnMapping}: where each field is.
 * Rejects the whole file when a required column is missing or a name repeats, since either would make every
 * row ambiguous, and when it has a {@code pin} column: cardsweep never sends PINs, and a file that carries them
 * should not be passed around as if it were harmless, so it is refused before any row is read.
 */
final class CsvHeader {

    private static final String PIN = "pin";

    private final Map<InstructionField, Integer> positions;
    private final List<String> names;
    private final int width;

    private CsvHeader(Map<InstructionField, Integer> positions, List<String> names) {
        this.positions = positions;
        this.names = names;
        this.width = names.size();
    }

    static CsvHeader of(Path file, CsvRecord header, ColumnMapping mapping) {
        if (header.defect() instanceof CsvRecord.LineTooLong tooLong) {
            throw new InputFileException(file, "has a header row (line " + tooLong.line() + ") of " + tooLong.length()
                    + " characters, more than the limit of " + tooLong.limit() + " for one line.");
        }
        if (header.defect() instanceof CsvRecord.MisplacedQuote quote) {
            throw new InputFileException(file, "is not valid CSV: the header row (line " + quote.line() + ") has a quote "
                    + (quote.afterClosingQuote() ? "followed by more text" : "inside a name that does not start with one")
                    + " in column " + (quote.field() + 1) + ".");
        }
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            String name = ColumnMapping.normalize(header.fields().get(i));
            if (name.equals(PIN)) {
                throw new InputFileException(file, "has a '" + shown(header.fields().get(i))
                        + "' column: cardsweep never sends PINs, so remove the column.");
            }
            if (!name.isEmpty() && byName.putIfAbsent(name, i) != null) {
                throw new InputFileException(file, "has the column '" + shown(header.fields().get(i))
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
                    + String.join(", ", missing) + " (line " + header.line() + " has: " + listed(header) + ")" + separatorHint(header) + ".");
        }
        return new CsvHeader(positions, header.fields().stream().map(CsvHeader::shown).toList());
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
        return new InstructionRow(record.line(), values, record.fields().size(), width, defect(record));
    }

    private @Nullable RecordDefect defect(CsvRecord record) {
        if (record.defect() instanceof CsvRecord.LineTooLong tooLong) {
            String which = tooLong.line() == record.line() ? "the line" : "line " + tooLong.line() + " of the record";
            return new RecordDefect("LINE_TOO_LONG", which + " is " + tooLong.length() + " characters long, more than the limit of "
                    + tooLong.limit() + " for one line; nothing of the record was read");
        }
        if (record.defect() instanceof CsvRecord.MisplacedQuote quote) {
            String column = quote.field() < names.size() && !names.get(quote.field()).isBlank()
                    ? names.get(quote.field()) : "field " + (quote.field() + 1);
            String where = quote.line() == record.line() ? "" : " (line " + quote.line() + ")";
            return new RecordDefect("QUOTE_MISPLACED", column + where + (quote.afterClosingQuote()
                    ? " has text after its closing quote" : " has a quote inside a value that does not start with one")
                    + "; quote the whole value and double each quote inside it, as in \"5\"\" screen\"");
        }
        return null;
    }

    private static String listed(CsvRecord header) {
        String names = header.fields().stream().map(CsvHeader::shown).collect(Collectors.joining(", "));
        return names.length() <= 200 ? names : names.substring(0, 200) + "…";
    }

    /**
     * A column name as messages show it. A file without its header row has data where the names should be, so a card
     * number there is masked; invisible characters are made visible.
     */
    private static String shown(String name) {
        return VisibleText.of(CardMask.redactCardNumbers(name.strip()));
    }

    /** A file saved with another separator reads as one column holding every name. */
    private static String separatorHint(CsvRecord header) {
        if (header.fields().size() != 1) {
            return "";
        }
        String only = header.fields().get(0);
        String separator = only.contains(";") ? "';'" : only.contains("\t") ? "tabs" : null;
        return separator == null ? "" : "; the names seem separated by " + separator + ", and cardsweep reads comma-separated files";
    }
}
