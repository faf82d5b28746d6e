package io.cardsweep.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.cardsweep.support.JarProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's quick start as a user meets it: no database configured (the embedded PostgreSQL in
 * {@code <home>/pgdata}), no provider configured (the in-process sandbox), the packaged jar.
 */
class QuickstartProcessTests {

    @TempDir
    Path dir;

    @Test
    void printsTheSummaryWritesTheReportAndExecutesNothingNewWhenRunAgain() throws Exception {
        // when
        JarProcess first = quickstart("first");
        int firstExit = first.waitForExit(180);
        JarProcess second = quickstart("second");
        int secondExit = second.waitForExit(180);

        // then
        assertThat(firstExit).as(first.output()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(first.output()).contains("SANDBOX — no real money moves")
                .contains("all       SUCCEEDED       25         2047.25 USD")
                .contains("all       SUCCEEDED        4         2154.00 MXN")
                .contains("Every instruction ended in a final state.");
        assertThat(Files.readAllLines(dir.resolve("report.csv"))).hasSize(44);
        assertThat(dir.resolve("home/pgdata/PG_VERSION")).exists();
        assertThat(secondExit).as(second.output()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(second.output()).contains("already completed").contains("nothing new is executed");
    }

    @Test
    void resumesAKilledRunAndStopsThePostgresItLeftBehind() throws Exception {
        // given a run killed with SIGKILL while the sandbox answers slowly
        JarProcess killed = quickstart("killed", "--cardsweep.sandbox.latency=300ms");
        JdbcTemplate ledger = awaitLedger(killed);
        while (count(ledger, "SUCCEEDED") < 3) {
            assertThat(killed.isAlive()).as(killed.output()).isTrue();
            Thread.sleep(50);
        }
        killed.kill();
        long orphan = Long.parseLong(Files.readAllLines(dir.resolve("home/pgdata/postmaster.pid")).get(0).strip());
        assertThat(ProcessHandle.of(orphan)).as("the killed run's postmaster outlives it").hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

        // when
        JarProcess resumed = quickstart("resumed");
        int exit = resumed.waitForExit(180);

        // then
        assertThat(exit).as(resumed.output()).isIn(ExitCodes.COMPLETED, ExitCodes.NEEDS_ATTENTION);
        assertThat(resumed.output()).contains("was interrupted").contains("Resuming run 1");
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
        List<String> lines = Files.readAllLines(dir.resolve("report.csv"));
        assertThat(lines).hasSize(44);
        assertThat(lines.subList(1, lines.size())).allSatisfy(line -> assertThat(line).doesNotContain(",READY,").doesNotContain(",IN_FLIGHT,"));
    }

    private JarProcess quickstart(String name, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("run", "jobs/per-diem-reclaim.yml", "--input", "sample-input/per-diem-reclaims.csv",
                "--report", dir.resolve("report.csv").toString(), "--cardsweep.home=" + dir.resolve("home"), "--cardsweep.job.chunk-size=5"));
        args.addAll(List.of(extra));
        return JarProcess.start(dir, name, args);
    }

    /** The embedded database of a running cardsweep, found the way PostgreSQL itself records it. */
    private JdbcTemplate awaitLedger(JarProcess process) throws Exception {
        Path pid = dir.resolve("home/pgdata/postmaster.pid");
        for (int i = 0; i < 1200; i++) {
            assertThat(process.isAlive()).as(process.output()).isTrue();
            List<String> pidLines = readIfThere(pid);
            if (pidLines.size() > 3) {
                String port = pidLines.get(3).strip();
                JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", ""));
                try {
                    count(jdbc, "SUCCEEDED");
                    return jdbc;
                }
                catch (RuntimeException notYetMigrated) {
                    // Flyway has not created the ledger yet
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the embedded database did not come up: " + process.output());
    }

    /** PostgreSQL rewrites its pid file while it starts, so the file may come and go between two looks. */
    private static List<String> readIfThere(Path file) {
        try {
            return Files.readAllLines(file);
        }
        catch (java.io.IOException notThereYet) {
            return List.of();
        }
    }

    private static int count(JdbcTemplate ledger, String status) {
        Integer n = ledger.queryForObject("SELECT count(*) FROM withdrawal WHERE status = ?", Integer.class, status);
        return n == null ? 0 : n;
    }
}
