package io.cardsweep.instruction;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One parsed CSV record and the physical line it starts on.
 *
 * @param line 1-based line of the record's first character; a quoted value spanning lines makes the next
 *     record start later than its ordinal suggests
 * @param fields the values as written, quotes removed; none when a line of the record was too long
 * @param defect why the record cannot be trusted as parsed, if it cannot
 */
record CsvRecord(long line, List<String> fields, @Nullable Defect defect) {

    CsvRecord {
        fields = List.copyOf(fields);
    }

    /** What makes a record unusable while the file around it is still sound. */
    sealed interface Defect {
    }

    /** A line of the record is longer than the limit; {@code length} is its full length. */
    record LineTooLong(long line, long length, int limit) implements Defect {
    }

    /**
     * A quote where RFC 4180 allows none: inside a value that does not start with a quote, or after a closing
     * quote. It was kept as a character, so the record ends where the line does.
     *
     * @param field 0-based index of the field it is in
     */
    record MisplacedQuote(long line, int field, boolean afterClosingQuote) implements Defect {
    }

    /** Empty lines, lines of spaces and lines of bare commas carry no instruction; they are skipped. */
    boolean isBlank() {
        return defect == null && fields.stream().allMatch(String::isBlank);
    }
}
