package io.cardsweep.instruction;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Instructions that sit in a table of the operator's own database rather than in a file: a table read whole, or a
 * query for when only some of its rows are instructions. Bound from {@code cardsweep.job.source}.
 *
 * <p>Rows are read in pages in the order of the sort key, and a run's restart state is the last key it committed: a
 * restarted run reads on after that key however the table changed meanwhile. That holds only for a key no two rows
 * share and none lacks, so it is required and checked before the first row is read.
 *
 * @param table a table name, optionally with its schema ({@code ops.cards_due_for_termination})
 * @param sql a query whose rows are the instructions; no placeholders
 * @param sortKey the unique column rows are read in order of (the primary key)
 */
public record TableSource(@Nullable String table, @Nullable String sql, String sortKey) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
    private static final Pattern TABLE = Pattern.compile(NAME + "(\\." + NAME + ")?");

    /** Messages name the fields as a job definition spells them, so each says what to change. */
    public TableSource {
        table = blankToNull(table);
        sql = sql == null || sql.isBlank() ? null : sql.strip().replaceFirst(";\\s*$", "").strip();
        if ((table == null) == (sql == null)) {
            throw new IllegalArgumentException(table == null ? "name a table (table) or give a query (sql) to read the instructions from"
                    : "give a table (table) or a query (sql), not both");
        }
        if (table != null && !TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("table '" + table + "' is not a table name (letters, digits and _, as table or schema.table)");
        }
        String key = blankToNull(sortKey);
        if (key == null) {
            throw new IllegalArgumentException("sort-key is required: name a unique column, such as the primary key, so that a"
                    + " restart resumes exactly where the run stopped");
        }
        if (!NAME.matcher(key).matches()) {
            throw new IllegalArgumentException("sort-key '" + key + "' is not a column name (letters, digits and _)");
        }
        sortKey = key;
    }

    /** The job definition field that names this source, for sentences that tell what to change. */
    public String field() {
        return table != null ? "cardsweep.job.source.table" : "cardsweep.job.source.sql";
    }

    /** The source as a sentence names it: {@code the table x (cardsweep.job.source.table)}. */
    public String described() {
        return table != null ? "the table " + table + " (" + field() + ")" : "the query of " + field();
    }

    /** What the run's console line shows: the table's name, or only that it is a query (the text may be long). */
    public String shown() {
        return table != null ? "table " + table : "query (cardsweep.job.source.sql)";
    }

    /**
     * Everything that decides which rows a run reads and in which order: part of the run's identity, so a run restarted
     * after the source or its sort key changed is a new run, whose restart state cannot point into another order.
     */
    public String identity() {
        return (table != null ? "table " + table : "sql " + sql) + "\nsort-key " + sortKey;
    }

    /** What to select from: the table, or the query as a derived table. */
    String fromClause() {
        return table != null ? table : "(" + sql + "\n) AS cardsweep_query";
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
