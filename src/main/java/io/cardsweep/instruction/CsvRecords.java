package io.cardsweep.instruction;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * The records of a CSV file with the line each starts on, parsed as RFC 4180 (no backslash escapes, so a
 * reference such as {@code C:\trips} stays as written). Parsed here rather than by OpenCSV for two things a
 * payments file needs that no parser option gives:
 * <ul>
 * <li>A quote inside an unquoted value ({@code 5" screen}) stays a character and marks the record
 * {@link CsvRecord.MisplacedQuote}. A lenient parser opens a quoted value there and joins the following lines
 * into it, so whole instructions vanish into another one's reference.</li>
 * <li>No line is held past a limit: beyond it the record's characters are dropped while its quotes and line ends
 * are still followed, so the record is marked {@link CsvRecord.LineTooLong} and the next record starts exactly
 * where it would have.</li>
 * </ul>
 * CRLF, LF and a lone CR all end a line; a line break inside a quoted value is kept as {@code \n}.
 */
final class CsvRecords implements Closeable {

    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final int END = -1;
    private static final int NOTHING_PEEKED = -2;

    /**
     * No instruction value needs more lines than this (a reference has at most 256 characters); a quoted field
     * running longer is an unterminated quote, stopped here before it pulls the rest of a large file into memory.
     */
    static final int MAX_LINES_PER_RECORD = 100;

    private final Path file;
    private final BufferedReader text;
    private final int maxLineLength;
    private long line = 1;
    private long column;
    private int peeked = NOTHING_PEEKED;

    private CsvRecords(Path file, BufferedReader text, int maxLineLength) {
        this.file = file;
        this.text = text;
        this.maxLineLength = maxLineLength;
    }

    static CsvRecords open(Path file, int maxLineLength) {
        try {
            BufferedReader text = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                    StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)));
            skipByteOrderMark(text);
            return new CsvRecords(file, text, maxLineLength);
        } catch (IOException e) {
            throw new InputFileException(file, "cannot be read (" + e.getMessage() + ").", e);
        }
    }

    /** The next record, blank or not, or null at the end of the file. */
    @Nullable CsvRecord next() {
        try {
            return peek() == END ? null : parse(new CsvRecordBuilder(line));
        } catch (IOException e) {
            throw new InputFileException(file, "cannot be read (" + e.getMessage() + ").", e);
        }
    }

    /** The next record that is not blank, or null at the end of the file. */
    @Nullable CsvRecord nextNonBlank() {
        CsvRecord record = next();
        while (record != null && record.isBlank()) {
            record = next();
        }
        return record;
    }

    private CsvRecord parse(CsvRecordBuilder record) throws IOException {
        for (;;) {
            int c = take(record);
            if (c == ',') {
                record.endField();
            } else if (c == '\n' || c == END) {
                return record.build(line, column);
            } else if (c == '"' && record.canOpenQuote()) {
                readQuoted(record);
            } else if (!(record.afterClosingQuote() && (c == ' ' || c == '\t'))) {
                if (c == '"' || record.afterClosingQuote()) {
                    record.misplacedQuote(line, record.afterClosingQuote());
                }
                record.append((char) c);
            }
        }
    }

    /** From after the opening quote to the closing one; a doubled quote is one quote character. */
    private void readQuoted(CsvRecordBuilder record) throws IOException {
        long opened = line;
        record.openQuote();
        for (;;) {
            int c = take(record);
            if (c == END) {
                throw new InputFileException(file, "is not valid CSV: unterminated quoted field starting on line " + opened + ".");
            }
            if (c == '"') {
                if (peek() != '"') {
                    record.closeQuote();
                    return;
                }
                take(record);
            } else if (c == '\n' && line - record.line() >= MAX_LINES_PER_RECORD) {
                throw new InputFileException(file, "is not valid CSV: quoted field starting on line " + opened
                        + " runs over more than " + MAX_LINES_PER_RECORD + " lines (an unterminated quote?).");
            }
            record.append((char) c);
        }
    }

    /** Consumes one character, counting lines and the length of the current one against the limit. */
    private int take(CsvRecordBuilder record) throws IOException {
        int c = peek();
        peeked = NOTHING_PEEKED;
        if (c == '\n') {
            record.lineEnded(line, column);
            line++;
            column = 0;
        } else if (c != END && ++column > maxLineLength) {
            record.lineTooLong(line, maxLineLength);
        }
        return c;
    }

    /** The next character without consuming it; every line end (CRLF, LF, CR) reads as one {@code \n}. */
    private int peek() throws IOException {
        if (peeked == NOTHING_PEEKED) {
            int c = text.read();
            if (c == '\r') {
                text.mark(1);
                if (text.read() != '\n') {
                    text.reset();
                }
                c = '\n';
            }
            peeked = c;
        }
        return peeked;
    }

    @Override
    public void close() {
        try {
            text.close();
        } catch (IOException e) {
            // Nothing was written through this reader; a failed close loses nothing.
        }
    }

    private static void skipByteOrderMark(BufferedReader text) throws IOException {
        text.mark(1);
        if (text.read() != BYTE_ORDER_MARK) {
            text.reset();
        }
    }
}
