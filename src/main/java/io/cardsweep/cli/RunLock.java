package io.cardsweep.cli;

import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL advisory lock held for as long as one process runs one run. PostgreSQL releases it
 * when the holder's connection dies, so holding it proves that no live process is running the run:
 * an execution still marked STARTED is then known to be the remains of a killed process.
 */
final class RunLock implements AutoCloseable {

    private final Connection connection;
    private final long key;

    private RunLock(Connection connection, long key) {
        this.connection = connection;
        this.key = key;
    }

    /** The lock, or null when another live process holds it. */
    static @Nullable RunLock tryAcquire(DataSource dataSource, String runIdentity) throws SQLException {
        long key = keyOf(runIdentity);
        Connection connection = dataSource.getConnection();
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            statement.setLong(1, key);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return new RunLock(connection, key);
                }
            }
        }
        catch (SQLException | RuntimeException ex) {
            connection.close();
            throw ex;
        }
        connection.close();
        return null;
    }

    /** Releases the lock; closing the connection would release it too, so a failure here changes nothing. */
    @Override
    public void close() {
        try (connection; PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            statement.setLong(1, key);
            statement.execute();
        }
        catch (SQLException ex) {
            // the session ends with the connection, and PostgreSQL drops its advisory locks with it
        }
    }

    private static long keyOf(String runIdentity) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(("cardsweep-run:" + runIdentity).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(hash).getLong();
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
