package io.cardsweep.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.cardsweep.database.EmbeddedPostgresDatabase;
import io.cardsweep.plan.LedgerKeys;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;

/**
 * The plan's read-only look at the ledger a run would use, for the instructions earlier runs loaded. It creates nothing:
 * the embedded PostgreSQL is started only where its data folder already exists (a ledger that does not exist yet holds
 * nothing), no migration runs, and the connection is read-only. When the ledger cannot be looked at, the plan goes on
 * without it and says so.
 */
final class LedgerLookup implements LedgerKeys, AutoCloseable {

    private final @Nullable EmbeddedPostgresDatabase embedded;
    private final @Nullable Connection connection;
    private final String where;
    private @Nullable String notChecked;

    private LedgerLookup(@Nullable EmbeddedPostgresDatabase embedded, @Nullable Connection connection, String where,
            @Nullable String notChecked) {
        this.embedded = embedded;
        this.connection = connection;
        this.where = where;
        this.notChecked = notChecked;
    }

    static LedgerLookup open(Environment environment) {
        String url = environment.getProperty("spring.datasource.url");
        if (url != null && !url.isBlank()) {
            String where = DatabaseFailures.where(environment);
            try {
                return withTable(null, DriverManager.getConnection(url, environment.getProperty("spring.datasource.username"),
                        environment.getProperty("spring.datasource.password")), where);
            }
            catch (SQLException ex) {
                return new LedgerLookup(null, null, where, DatabaseFailures.describe(ex, environment));
            }
        }
        Path data = Path.of(environment.getProperty("cardsweep.home", ".cardsweep")).resolve("pgdata").toAbsolutePath().normalize();
        String where = "embedded PostgreSQL in " + data;
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            return new LedgerLookup(null, null, where, "there is none yet (a run would start an empty one)");
        }
        EmbeddedPostgresDatabase database = null;
        try {
            database = EmbeddedPostgresDatabase.start(data);
            return withTable(database, DriverManager.getConnection(database.jdbcUrl(), database.username(), null), where);
        }
        catch (RuntimeException | SQLException ex) {
            closeQuietly(database);
            return new LedgerLookup(null, null, where, ex instanceof SQLException sql ? DatabaseFailures.describe(sql, environment) : ex.getMessage());
        }
    }

    private static LedgerLookup withTable(@Nullable EmbeddedPostgresDatabase embedded, Connection connection, String where) throws SQLException {
        connection.setReadOnly(true);
        try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass('withdrawal') IS NOT NULL");
                ResultSet result = statement.executeQuery()) {
            if (result.next() && result.getBoolean(1)) {
                return new LedgerLookup(embedded, connection, where, null);
            }
        }
        connection.close();
        return new LedgerLookup(embedded, null, where, null);
    }

    @Override
    public Set<String> heldAmong(List<String> instructionKeys) {
        if (connection == null || notChecked != null) {
            return Set.of();
        }
        Set<String> held = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT instruction_key FROM withdrawal WHERE instruction_key = ANY (?)")) {
            Array keys = connection.createArrayOf("text", instructionKeys.toArray());
            statement.setArray(1, keys);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    held.add(result.getString(1));
                }
            }
            return held;
        }
        catch (SQLException ex) {
            notChecked = "the lookup failed part way: " + DatabaseFailures.firstSentence(ex.getMessage());
            return held;
        }
    }

    /** What was looked up where, in one line; {@code duplicates} are those the plan found. */
    String said(long duplicates) {
        if (notChecked != null) {
            String why = notChecked.endsWith(".") ? notChecked.substring(0, notChecked.length() - 1) : notChecked;
            return "Ledger: " + where + ": duplicates not checked — " + why + ".";
        }
        if (connection == null) {
            return "Ledger: " + where + " has no withdrawals yet, so none of these instructions was loaded before.";
        }
        return "Ledger: " + where + ", read only: " + duplicates + " row(s) hold instructions earlier runs loaded (DUPLICATE).";
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
            // a database this lookup started, stopped as it leaves
        }
    }
}
