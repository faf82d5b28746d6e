package io.cardsweep.instruction;

import java.nio.file.Path;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads instruction rows from a CSV file, restartably: the count of rows read is saved under
 * {@code <name>.read.count} and a restart skips that many.
 *
 * <p>{@link #open} checks the whole file (encoding, header, CSV structure) before the first row is handed
 * out, so a file that is wrong anywhere fails as a whole with an {@link InputFileException} and no row of it
 * reaches the ledger. Rows themselves are not judged here; the rules do that, also for a record this reader could
 * not read as written (a line past the limit, a misplaced quote), which it hands on marked with a {@link RecordDefect}.
 */
public class CsvInstructionReader extends AbstractItemCountingItemStreamItemReader<InstructionRow> {

    /** The default name, prefix of the restart state key. */
    public static final String DEFAULT_NAME = "instructions";

    /**
     * The default longest line, in characters: 250 times the longest sensible instruction, and small enough that
     * a file of one endless line (a misnamed binary or log dump) costs no memory to refuse.
     */
    public static final int DEFAULT_MAX_LINE_LENGTH = 65_536;

    private final Path file;
    private final ColumnMapping mapping;
    private final int maxLineLength;
    private @Nullable CsvRecords records;
    private @Nullable CsvHeader header;

    public CsvInstructionReader(Path file, ColumnMapping mapping) {
        this(file, mapping, DEFAULT_NAME);
    }

    public CsvInstructionReader(Path file, ColumnMapping mapping, String name) {
        this(file, mapping, name, DEFAULT_MAX_LINE_LENGTH);
    }

    /**
     * @param maxLineLength the longest line read, in characters; a record with a longer line becomes a row marked
     *     {@code LINE_TOO_LONG} without any of its values, and the file goes on with the next record
     */
    public CsvInstructionReader(Path file, ColumnMapping mapping, String name, int maxLineLength) {
        if (maxLineLength < 1) {
            throw new IllegalArgumentException("the longest line must be at least 1 character, not " + maxLineLength);
        }
        this.file = Objects.requireNonNull(file, "file");
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.maxLineLength = maxLineLength;
        setName(name);
    }

    @Override
    protected void doOpen() {
        TextFileCheck.requireText(file, mapping);
        CsvHeader checked = checkStructure();
        CsvRecords opened = CsvRecords.open(file, maxLineLength);
        opened.nextNonBlank();
        this.header = checked;
        this.records = opened;
    }

    /** Lets an {@link InputFileException} through unwrapped, so the job fails with its one sentence. */
    @Override
    public void open(ExecutionContext executionContext) {
        try {
            super.open(executionContext);
        } catch (ItemStreamException e) {
            if (e.getCause() instanceof InputFileException problem) {
                throw problem;
            }
            throw e;
        }
    }

    /** Declares no checked exception: reading fails only with {@link InputFileException} or a runtime error. */
    @Override
    public @Nullable InstructionRow read() {
        try {
            return super.read();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected @Nullable InstructionRow doRead() {
        if (records == null || header == null) {
            throw new IllegalStateException("The reader of " + file + " is not open.");
        }
        CsvRecord record = records.nextNonBlank();
        return record == null ? null : header.toRow(record);
    }

    @Override
    protected void doClose() {
        if (records != null) {
            records.close();
            records = null;
        }
        header = null;
    }

    /** Parses every record once up front: an unterminated quote near the end must fail the file, not row 9,000. */
    private CsvHeader checkStructure() {
        try (CsvRecords all = CsvRecords.open(file, maxLineLength)) {
            CsvRecord first = all.nextNonBlank();
            if (first == null) {
                throw TextFileCheck.empty(file, mapping);
            }
            CsvHeader checked = CsvHeader.of(file, first, mapping);
            while (all.next() != null) {
                // parsing is the check
            }
            return checked;
        }
    }
}
