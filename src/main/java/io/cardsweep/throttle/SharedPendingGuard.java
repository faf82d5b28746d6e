package io.cardsweep.throttle;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.zip.CRC32;

import javax.sql.DataSource;

import io.cardsweep.provider.PendingGuard;
import org.jspecify.annotations.Nullable;

/**
 * "One pending withdrawal per user" kept by every process on the same database: a user is held by a PostgreSQL
 * session-level advisory lock, taken on a connection this guard keeps for itself. PostgreSQL drops the lock when that
 * session ends, so a process that dies mid-withdrawal frees the user for the others without anyone cleaning up.
 * <p>
 * Within the process, holders take turns on a lock of their own first, so the one connection serves them all.
 * Advisory locks with two keys (this guard's class, a hash of the user) live apart from the one-key locks a run
 * takes; two users whose hashes collide only take turns, which is never wrong. Waiting polls
 * {@code pg_try_advisory_lock} rather than blocking inside PostgreSQL, so an interrupt (a stopping run) is honoured.
 */
public final class SharedPendingGuard implements PendingGuard {

    /** The advisory lock class of this guard: "CSPG". */
    static final int LOCK_CLASS = 0x43535047;

    /** Longer than HTP takes to settle or to be given up on (its status timeout): a holder this slow is stuck. */
    static final Duration LONGEST_WAIT = Duration.ofMinutes(5);

    private final DataSource dataSource;
    private final Sleeper sleeper;
    private final Duration poll;
    private final Duration longestWait;
    private final PendingGuard inProcess = PendingGuard.inProcess();
    private final Object session = new Object();
    private @Nullable Connection connection;

    public SharedPendingGuard(DataSource dataSource) {
        this(dataSource, Sleeper.REAL, Duration.ofMillis(100), LONGEST_WAIT);
    }

    SharedPendingGuard(DataSource dataSource, Sleeper sleeper, Duration poll, Duration longestWait) {
        this.dataSource = dataSource;
        this.sleeper = sleeper;
        this.poll = poll;
        this.longestWait = longestWait;
    }

    @Override
    public Held hold(String user) throws InterruptedException {
        Held local = inProcess.hold(user);
        try {
            int key = keyOf(user);
            long polls = 0;
            while (!call("SELECT pg_try_advisory_lock(?, ?)", key)) {
                if (poll.multipliedBy(++polls).compareTo(longestWait) > 0) {
                    throw new GuardUnavailable("another process has had a withdrawal for this HTP user pending for over "
                            + longestWait.toMinutes() + " min", null);
                }
                sleeper.sleep(poll);
            }
            return Held.releasing(() -> {
                try {
                    call("SELECT pg_advisory_unlock(?, ?)", key);
                }
                catch (GuardUnavailable ex) {
                    // The session is gone with its lock (call() ended it): the user is free either way.
                }
                finally {
                    local.close();
                }
            });
        }
        catch (InterruptedException | RuntimeException ex) {
            local.close();
            throw ex;
        }
    }

    private boolean call(String sql, int key) {
        synchronized (session) {
            try {
                if (connection == null) {
                    connection = dataSource.getConnection();
                    connection.setAutoCommit(true);
                }
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setInt(1, LOCK_CLASS);
                    statement.setInt(2, key);
                    try (ResultSet result = statement.executeQuery()) {
                        result.next();
                        return result.getBoolean(1);
                    }
                }
            }
            catch (SQLException ex) {
                forgetSession();
                throw new GuardUnavailable("the one-pending-withdrawal guard in PostgreSQL failed (" + ex.getSQLState() + ")", ex);
            }
        }
    }

    /**
     * A failed session is ended, not handed back to the pool: were it still alive with a lock, the user would stay
     * held by a pooled connection nobody releases. Aborting closes the physical connection, PostgreSQL releases the
     * session's locks with it, and the pool discards the connection.
     */
    private void forgetSession() {
        Connection broken = connection;
        connection = null;
        if (broken == null) {
            return;
        }
        try {
            broken.abort(Runnable::run);
        }
        catch (SQLException | RuntimeException ignored) {
            // already unusable
        }
        try {
            broken.close();
        }
        catch (SQLException ignored) {
            // already unusable
        }
    }

    static int keyOf(String user) {
        CRC32 crc = new CRC32();
        crc.update(user.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }
}
