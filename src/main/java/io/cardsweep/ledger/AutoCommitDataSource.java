package io.cardsweep.ledger;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's pool seen through an object no transaction manager is bound to: a {@code JdbcTemplate} over it
 * never joins the calling thread's transaction (a chunk's, the deferred step's) and works on a pooled connection of
 * its own in auto-commit mode, so each statement is committed when it returns. (Inside such a transaction Spring
 * keeps that connection for the transaction's length; it stays in auto-commit.) One round trip, where a
 * {@code REQUIRES_NEW} transaction costs a begin, the statement and a commit.
 */
final class AutoCommitDataSource extends DelegatingDataSource {

    AutoCommitDataSource(DataSource pool) {
        super(pool);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = super.getConnection();
        if (!connection.getAutoCommit()) {
            connection.setAutoCommit(true);
        }
        return connection;
    }
}
