package io.cardsweep.instruction;

import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import javax.sql.DataSource;

import io.cardsweep.provider.CardMask;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Queries against a table source whose failures end as one sentence naming the job definition field, and telling a
 * source that is wrong (exit 2: change the job definition) from a database that could not be reached (exit 1: the same
 * command resumes once it is back).
 */
final class SourceQueries {

    /** SQLSTATE classes of a statement that will fail the same way every time: syntax, names, types, data. */
    private static final Set<String> MISCONFIGURED = Set.of("42", "22", "21", "0A");

    private final TableSource source;
    private final JdbcTemplate jdbc;
    private final String database;

    SourceQueries(TableSource source, JdbcTemplate jdbc, String database) {
        this.source = source;
        this.jdbc = jdbc;
        this.database = database;
    }

    DataSource dataSource() {
        return Objects.requireNonNull(jdbc.getDataSource());
    }

    <T> T run(Function<JdbcTemplate, T> query) {
        try {
            return query.apply(jdbc);
        }
        catch (DataAccessException ex) {
            throw translated(ex);
        }
    }

    /**
     * The reader resumes after the last key it committed: rows sharing that key would be skipped, rows without one
     * never reached. Counted over the whole source once per start, which a nightly table affords.
     */
    void requireUniqueKey(String column) {
        Map<String, Object> counts = run(jdbc -> jdbc.queryForMap("SELECT count(" + column + ") - count(DISTINCT " + column
                + ") AS repeated, count(*) - count(" + column + ") AS missing FROM " + source.fromClause()));
        long missing = ((Number) counts.get("missing")).longValue();
        long repeated = ((Number) counts.get("repeated")).longValue();
        String key = "The sort key '" + source.sortKey() + "' (cardsweep.job.source.sort-key)";
        if (missing > 0) {
            throw new TableSourceException(key + " is NULL in " + missing + " row(s) of " + source.described()
                    + ": name a column that is never NULL, such as the primary key.");
        }
        if (repeated > 0) {
            throw new TableSourceException(key + " is not unique in " + source.described() + ": " + repeated + " row(s) repeat another"
                    + " row's value; name a unique column, such as the primary key, so that a restart resumes exactly where the run stopped.");
        }
    }

    RuntimeException translated(RuntimeException failure) {
        if (failure instanceof TableSourceException) {
            return failure;
        }
        SQLException sql = deepestSqlException(failure);
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        String detail = detail(sql != null ? sql.getMessage() : failure.getMessage());
        String subject = InstructionTable.capitalized(source.described());
        if (failure instanceof CannotGetJdbcConnectionException || state.startsWith("08")) {
            return new TableSourceException(subject + " cannot be read: " + database + " cannot be reached (" + detail + ").", false, failure);
        }
        if (state.equals("42P01") && source.table() != null) {
            return new TableSourceException("The table " + source.table() + " (cardsweep.job.source.table) does not exist in " + database
                    + ".", true);
        }
        // Without the driver's exception: its message may quote a value of the table (a card number in a failed cast),
        // and Spring Batch keeps a failure's whole chain in its execution tables.
        boolean misconfigured = state.length() >= 2 && MISCONFIGURED.contains(state.substring(0, 2));
        return new TableSourceException(subject + (misconfigured ? " fails in " : " could not be read from ") + database + ": " + detail + ".",
                misconfigured);
    }

    private static @Nullable SQLException deepestSqlException(Throwable failure) {
        SQLException deepest = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                deepest = sql;
            }
        }
        return deepest;
    }

    /**
     * PostgreSQL's first sentence, without its {@code ERROR:} and its position: {@code relation "x" does not exist},
     * {@code Connection to db:5432 refused}.
     */
    private static String detail(@Nullable String message) {
        String line = message == null ? "no detail" : message.lines().findFirst().orElse("").strip();
        int end = line.indexOf(". ");
        String detail = (end < 0 ? line : line.substring(0, end)).replaceFirst("^ERROR:\\s*", "").replaceFirst("\\.$", "");
        // PostgreSQL quotes the value it could not read: a card number among them is masked.
        return Objects.requireNonNull(CardMask.redactCardNumbers(detail));
    }
}
