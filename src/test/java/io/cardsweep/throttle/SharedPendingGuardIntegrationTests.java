package io.cardsweep.throttle;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import io.cardsweep.provider.PendingGuard;
import io.cardsweep.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HTP's one pending withdrawal per user, kept across processes by PostgreSQL advisory locks. */
class SharedPendingGuardIntegrationTests {

    DataSource dataSource;
    ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void database() {
        TestDatabase.Coordinates db = TestDatabase.newDatabase();
        dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /** A guard as another process has it: its own connection, polling every 10 ms. */
    SharedPendingGuard process() {
        return new SharedPendingGuard(dataSource, wait -> Thread.sleep(wait.toMillis()), Duration.ofMillis(10), Duration.ofMinutes(1));
    }

    @Test
    void givesUpOnAUserHeldLongerThanAnySettlementTakesAndSendsNothing() throws Exception {
        // given a holder that never lets go, and a guard whose waits are counted rather than slept
        process().hold("user-1");
        java.util.List<Duration> waits = new java.util.concurrent.CopyOnWriteArrayList<>();
        SharedPendingGuard patient = new SharedPendingGuard(dataSource, waits::add, Duration.ofSeconds(1), Duration.ofMinutes(5));

        // when / then
        assertThatThrownBy(() -> patient.hold("user-1")).isInstanceOf(PendingGuard.GuardUnavailable.class)
                .hasMessageContaining("pending for over 5 min");
        assertThat(waits).hasSize(300);
    }

    @Test
    void aUserHeldByOneProcessWaitsInTheOtherUntilReleasedWhileOtherUsersGoAhead() throws Exception {
        // given
        SharedPendingGuard first = process();
        SharedPendingGuard second = process();
        PendingGuard.Held held = first.hold("user-1");

        // when
        Future<PendingGuard.Held> sameUser = threads.submit(() -> second.hold("user-1"));
        PendingGuard.Held otherUser = second.hold("user-2");

        // then the same user waits ...
        assertThatThrownBy(() -> sameUser.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        // ... until the first process's withdrawal is terminal
        held.close();
        PendingGuard.Held afterwards = sameUser.get(5, TimeUnit.SECONDS);
        afterwards.close();
        otherUser.close();
    }

    @Test
    void aProcessThatDiesFreesItsUsers() throws Exception {
        // given a process holding a user, and another waiting for it
        SharedPendingGuard dying = process();
        SharedPendingGuard survivor = process();
        dying.hold("user-1");
        Future<PendingGuard.Held> waiting = threads.submit(() -> survivor.hold("user-1"));
        assertThatThrownBy(() -> waiting.get(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);

        // when its session ends without a release, as when the process is killed
        new JdbcTemplate(dataSource).queryForList("""
                SELECT pg_terminate_backend(pid) FROM pg_locks
                WHERE locktype = 'advisory' AND classid = ? AND granted""", Boolean.class, SharedPendingGuard.LOCK_CLASS);

        // then
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void anInterruptedWaitSendsNothingAndLeavesTheUserFreeForOthersInTheProcess() throws Exception {
        // given
        SharedPendingGuard other = process();
        SharedPendingGuard here = process();
        PendingGuard.Held held = other.hold("user-1");
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                here.hold("user-1");
                outcome.complete(null);
            }
            catch (Throwable t) {
                outcome.complete(t);
            }
        });
        waiter.start();
        Thread.sleep(100);

        // when
        waiter.interrupt();

        // then
        assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        held.close();
        here.hold("user-1").close();
    }

    @Test
    void releasingTwiceIsHarmless() throws Exception {
        SharedPendingGuard guard = process();
        PendingGuard.Held held = guard.hold("user-1");
        held.close();
        held.close();

        // the lock was released once, not into a negative count: the next holder still gets it
        PendingGuard.Held again = process().hold("user-1");
        assertThat(again).isNotNull();
        again.close();
    }
}
