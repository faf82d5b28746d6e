package io.cardsweep.instruction;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One record's fields as {@link CsvRecords} parses it. Once a line of the record is too long, nothing more of the
 * record is kept (memory stays bounded whatever the file holds) and only where that line ends is still noted.
 */
final class CsvRecordBuilder {

    private final long line;
    private final List<String> fields = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();
    private boolean fieldStarted;
    private boolean afterClosingQuote;
    private CsvRecord.@Nullable MisplacedQuote misplacedQuote;
    private CsvRecord.@Nullable LineTooLong lineTooLong;

    CsvRecordBuilder(long line) {
        this.line = line;
    }

    long line() {
        return line;
    }

    /** A quote opens a quoted value only as the field's first character, blanks before it aside. */
    boolean canOpenQuote() {
        return !fieldStarted;
    }

    void openQuote() {
        field.setLength(0);
        fieldStarted = true;
    }

    void closeQuote() {
        afterClosingQuote = true;
    }

    boolean afterClosingQuote() {
        return afterClosingQuote;
    }

    void append(char c) {
        afterClosingQuote = false;
        if (c != ' ' && c != '\t') {
            fieldStarted = true;
        }
        if (lineTooLong == null) {
            field.append(c);
        }
    }

    void misplacedQuote(long atLine, boolean afterClosing) {
        if (misplacedQuote == null) {
            misplacedQuote = new CsvRecord.MisplacedQuote(atLine, fields.size(), afterClosing);
        }
    }

    void endField() {
        if (lineTooLong == null) {
            fields.add(field.toString());
        }
        field.setLength(0);
        fieldStarted = false;
        afterClosingQuote = false;
    }

    void lineTooLong(long atLine, int limit) {
        if (lineTooLong == null) {
            lineTooLong = new CsvRecord.LineTooLong(atLine, limit + 1L, limit);
            fields.clear();
            field.setLength(0);
        }
    }

    /** Records the full length of the line that was too long, counted while its characters were dropped. */
    void lineEnded(long atLine, long length) {
        if (lineTooLong != null && lineTooLong.line() == atLine) {
            lineTooLong = new CsvRecord.LineTooLong(atLine, length, lineTooLong.limit());
        }
    }

    CsvRecord build(long lastLine, long lastLength) {
        lineEnded(lastLine, lastLength);
        endField();
        CsvRecord.Defect defect = lineTooLong != null ? lineTooLong : misplacedQuote;
        return new CsvRecord(line, lineTooLong != null ? List.of() : fields, defect);
    }
}
