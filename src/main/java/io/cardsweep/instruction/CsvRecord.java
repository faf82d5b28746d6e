package io.cardsweep.instruction;

import java.util.Arrays;
import java.util.List;

/**
 * One parsed CSV record and the physical line it starts on.
 *
 * @param line 1-based line of the record's first character; a quoted value spanning lines makes the next
 *     record start later than its ordinal suggests
 */
record CsvRecord(long line, List<String> fields) {

    CsvRecord(long line, String[] fields) {
        this(line, Arrays.asList(fields.clone()));
    }

    CsvRecord {
        fields = List.copyOf(fields);
    }

    /** Empty lines, lines of spaces and lines of bare commas carry no instruction; they are skipped. */
    boolean isBlank() {
        return fields.stream().allMatch(String::isBlank);
    }
}
