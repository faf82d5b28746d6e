package io.cardsweep.instruction;

import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.dao.DataAccessException;

/**
 * Reads instruction rows from a table or a query ({@link TableSource}), restartably: Spring Batch's
 * {@link JdbcPagingItemReader} pages through it in sort key order and keeps the last key of each committed chunk in the
 * step's execution context, so a restart reads on after it however the table changed meanwhile. A row's line is its
 * ordinal in that order (1, 2, …), counted on across restarts, so it stays unique within the run as a file's line is.
 *
 * <p>{@link #open} checks the source first ({@link InstructionTable#resolve}): a missing table or column, a sort key
 * that is not unique, a query that fails, each ends the load step with one sentence before any row is read.
 */
public class TableInstructionReader implements ItemStreamReader<InstructionRow> {

    private final TableSource source;
    private final ColumnMapping mapping;
    private final DataSource dataSource;
    private final String database;
    private final String name;
    private final int pageSize;
    private @Nullable InstructionTable table;
    private @Nullable JdbcPagingItemReader<Map<InstructionField, String>> pages;

    /**
     * @param database how sentences name the database it reads from ({@code the application's database})
     * @param name the prefix of its restart state in the step's execution context
     * @param pageSize rows per query; the job's chunk size, so each chunk is one page and a restart one query
     */
    public TableInstructionReader(TableSource source, ColumnMapping mapping, DataSource dataSource, String database, String name,
            int pageSize) {
        this.source = Objects.requireNonNull(source, "source");
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.database = database;
        this.name = name;
        this.pageSize = pageSize;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        InstructionTable resolved = InstructionTable.resolve(source, mapping, dataSource, database);
        JdbcPagingItemReader<Map<InstructionField, String>> reader = resolved.pagingReader(name, pageSize);
        reader.open(executionContext);
        this.table = resolved;
        this.pages = reader;
    }

    @Override
    public @Nullable InstructionRow read() throws Exception {
        if (pages == null || table == null) {
            throw new IllegalStateException("The reader of " + source.described() + " is not open.");
        }
        try {
            Map<InstructionField, String> values = pages.read();
            return values == null ? null : new InstructionRow(pages.getCurrentItemCount(), values);
        }
        catch (DataAccessException ex) {
            throw table.readFailure(ex);
        }
    }

    @Override
    public void update(ExecutionContext executionContext) {
        if (pages != null) {
            pages.update(executionContext);
        }
    }

    @Override
    public void close() {
        if (pages != null) {
            pages.close();
            pages = null;
        }
        table = null;
    }
}
