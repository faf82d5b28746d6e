package io.cardsweep.ledger;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's pool seen through an object no transaction manager is bound to: a {@code JdbcTemplate} over it
 * takes a pooled connection of its own for each statement, in auto-commit mode, so the statement is committed when
 * it returns — whatever transaction the calling thread is in (a chunk's, the deferred step's). One round trip, where
 * a {@code REQUIRES_NEW} transaction costs a begin, the statement and a commit.
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
