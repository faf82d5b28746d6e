package io.cardsweep.instruction;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvException;
import com.opencsv.exceptions.CsvMalformedLineException;
import com.opencsv.exceptions.CsvMultilineLimitBrokenException;
import org.jspecify.annotations.Nullable;

/**
 * The records of a CSV file with the line each starts on. RFC 4180 parsing, because the default OpenCSV
 * parser treats a backslash as an escape and would silently alter references such as {@code C:\trips}.
 */
final class CsvRecords implements Closeable {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    /**
     * No instruction value needs more lines than this (a reference has at most 256 characters); a quoted field
     * running longer is an unterminated quote, stopped here before it pulls the rest of a large file into memory.
     */
    static final int MAX_LINES_PER_RECORD = 100;

    private final Path file;
    private final CSVReader reader;

    private CsvRecords(Path file, CSVReader reader) {
        this.file = file;
        this.reader = reader;
    }

    static CsvRecords open(Path file) {
        try {
            BufferedReader text = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                    StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)));
            skipByteOrderMark(text);
            CSVReader reader = new CSVReaderBuilder(text)
                    .withCSVParser(new RFC4180ParserBuilder().build())
                    .withMultilineLimit(MAX_LINES_PER_RECORD)
                    .build();
            return new CsvRecords(file, reader);
        } catch (IOException e) {
            throw new InputFileException(file, "cannot be read (" + e.getMessage() + ").", e);
        }
    }

    /** The next record, blank or not, or null at the end of the file. */
    @Nullable CsvRecord next() {
        long line = reader.getLinesRead() + 1;
        try {
            String[] fields = reader.readNext();
            return fields == null ? null : new CsvRecord(line, fields);
        } catch (CsvMultilineLimitBrokenException e) {
            throw new InputFileException(file, "is not valid CSV: quoted field starting on line " + line
                    + " runs over more than " + MAX_LINES_PER_RECORD + " lines (an unterminated quote?).", e);
        } catch (CsvMalformedLineException e) {
            String problem = e.getMessage() != null && e.getMessage().startsWith("Unterminated quoted field")
                    ? "unterminated quoted field" : "malformed record";
            throw new InputFileException(file, "is not valid CSV: " + problem + " starting on line " + line + ".", e);
        } catch (CsvException e) {
            throw new InputFileException(file, "is not valid CSV: malformed record starting on line " + line + ".", e);
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

    @Override
    public void close() {
        try {
            reader.close();
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
