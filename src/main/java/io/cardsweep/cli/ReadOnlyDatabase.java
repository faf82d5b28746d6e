package io.cardsweep.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.cardsweep.database.EmbeddedPostgresDatabase;
import io.cardsweep.instruction.TableSource;
import io.cardsweep.instruction.TableSourceException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The application's PostgreSQL as a plan looks at it: through one read-only connection, for the ledger's instruction keys
 * and a table source that lives beside the ledger. It creates nothing: the embedded PostgreSQL is started only where its
 * data folder already exists, and no migration runs. When it cannot be used, it says why instead.
 */
final class ReadOnlyDatabase implements AutoCloseable {

    private final @Nullable EmbeddedPostgresDatabase embedded;
    private final @Nullable Connection connection;
    private final String where;
    private final @Nullable String unavailable;

    private ReadOnlyDatabase(@Nullable EmbeddedPostgresDatabase embedded, @Nullable Connection connection, String where,
            @Nullable String unavailable) {
        this.embedded = embedded;
        this.connection = connection;
        this.where = where;
        this.unavailable = unavailable;
    }

    static ReadOnlyDatabase open(Environment environment) {
        String url = environment.getProperty("spring.datasource.url");
        if (url != null && !url.isBlank()) {
            String where = DatabaseFailures.where(environment);
            try {
                return readOnly(null, DriverManager.getConnection(url, environment.getProperty("spring.datasource.username"),
                        environment.getProperty("spring.datasource.password")), where);
            }
            catch (SQLException ex) {
                return new ReadOnlyDatabase(null, null, where, DatabaseFailures.describe(ex, environment));
            }
        }
        Path data = Path.of(environment.getProperty("cardsweep.home", ".cardsweep")).resolve("pgdata").toAbsolutePath().normalize();
        String where = "embedded PostgreSQL in " + data;
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            return new ReadOnlyDatabase(null, null, where, null);
        }
        EmbeddedPostgresDatabase database = null;
        try {
            database = EmbeddedPostgresDatabase.start(data);
            return readOnly(database, DriverManager.getConnection(database.jdbcUrl(), database.username(), null), where);
        }
        catch (RuntimeException | SQLException ex) {
            closeQuietly(database);
            return new ReadOnlyDatabase(null, null, where,
                    ex instanceof SQLException sql ? DatabaseFailures.describe(sql, environment) : ex.getMessage());
        }
    }

    private static ReadOnlyDatabase readOnly(@Nullable EmbeddedPostgresDatabase embedded, Connection connection, String where) throws SQLException {
        connection.setReadOnly(true);
        return new ReadOnlyDatabase(embedded, connection, where, null);
    }

    /** The connection; null when there is none: see {@link #unavailable()}, or, when that is null too, there is no database yet. */
    @Nullable Connection connection() {
        return connection;
    }

    /** How a line names it: the URL without its parameters, or the embedded database's folder. */
    String where() {
        return where;
    }

    /** Why it could not be used, in one sentence; null when it was, or when there is none yet. */
    @Nullable String unavailable() {
        return unavailable;
    }

    /**
     * The connection as a data source for a table source's reader, whose statements run one after another on this thread
     * with the ledger's look-ups.
     *
     * @throws TableSourceException when there is no database to read {@code source} from: what a run would say or do
     *         instead, exit 1 when it cannot be used, exit 2 when there is none yet (a run would start an empty one)
     */
    DataSource forTable(TableSource source) {
        if (connection != null) {
            return new SingleConnectionDataSource(connection, true);
        }
        if (unavailable != null) {
            throw new TableSourceException(unavailable, false);
        }
        throw new TableSourceException("There is no database to read " + source.described() + " from: spring.datasource.url is not set,"
                + " and the " + where + " does not exist yet (a run would start an empty one, without it).", true);
    }

    @Override
    public void close() {
        try {
            if (connection != null) {
                connection.close();
            }
        }
        catch (SQLException ex) {
            // only read from it
        }
        closeQuietly(embedded);
    }

    private static void closeQuietly(@Nullable EmbeddedPostgresDatabase database) {
        try {
            if (database != null) {
                database.close();
            }
        }
        catch (java.io.IOException | RuntimeException ex) {
            // a database this plan started, stopped as it leaves
        }
    }
}
