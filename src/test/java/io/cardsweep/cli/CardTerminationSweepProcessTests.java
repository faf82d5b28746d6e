package io.cardsweep.cli;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.cardsweep.support.CliRun;
import io.cardsweep.support.SandboxProcess;
import io.cardsweep.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nightly card-termination sweep as operators run it: the sample termination queue in the application's
 * PostgreSQL, the sandbox in a process of its own, {@code jobs/card-termination-sweep.yml} run twice on the same night
 * and once the night after. Balances are reclaimed once, cards terminated once, and the ledger says exactly what the
 * sandbox did.
 */
class CardTerminationSweepProcessTests {

    @TempDir
    Path dir;

    TestDatabase.Coordinates database;
    JdbcTemplate jdbc;

    @BeforeEach
    void queue() {
        database = TestDatabase.newDatabase();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(database.url(), database.username(), database.password());
        // cardsweep's schema first (Flyway creates it only in an empty database), then the users' queue beside it
        Flyway.configure().dataSource(dataSource).load().migrate();
        new ResourceDatabasePopulator(new FileSystemResource("sample-input/termination-queue.sql")).execute(dataSource);
        jdbc = new JdbcTemplate(dataSource);
    }

    CliRun sweep(SandboxProcess sandbox, String runDate) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "jobs/card-termination-sweep.yml", "--run-date", runDate,
                "--cardsweep.home=" + dir.resolve("home"), "--cardsweep.job.retry.initial-backoff=10ms",
                // the sandbox's Uncash cooldown is 2 s: the job keeps a margin, as against the real 15 minutes
                "--cardsweep.providers.uncash.cooldown=3s"));
        args.addAll(List.of(database.asArguments()));
        args.addAll(sandbox.providerArguments());
        return CliRun.of(Cli::run, args);
    }

    @Test
    void theSweepRunTwiceOnOneNightReclaimsAndTerminatesOnceAndTheNextNightFindsNothingLeft() throws Exception {
        try (SandboxProcess sandbox = SandboxProcess.start(dir, "--cards", "sample-input/sandbox-cards.csv", "--uncash-cooldown", "2s")) {
            // when the sweep runs on the night of 21 November
            CliRun first = sweep(sandbox, "2026-11-21");

            // then every queued card's balance was withdrawn or found too small, and every card but HTP's terminated
            assertThat(first.exit()).as(first.toString()).isEqualTo(ExitCodes.COMPLETED);
            int queued = jdbc.queryForObject("SELECT count(*) FROM cards_due_for_termination", Integer.class);
            assertThat(jdbc.queryForList("SELECT DISTINCT status FROM withdrawal", String.class))
                    .isSubsetOf("SUCCEEDED", "NOTHING_TO_RECLAIM", "BY_TERMINATION");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM withdrawal", Integer.class)).isEqualTo(queued);
            assertThat(jdbc.queryForList("SELECT provider || ' ' || termination FROM withdrawal WHERE termination <> 'TERMINATED'", String.class))
                    .isNotEmpty().containsOnly("htp SKIPPED");
            // and the ledger is the sandbox's record: each withdrawal it executed is a SUCCEEDED row of that card and amount
            List<SandboxProcess.Execution> executions = sandbox.executions();
            assertThat(jdbc.queryForList("SELECT provider || ' ' || card_id || ' ' || amount FROM withdrawal WHERE status = 'SUCCEEDED'"
                    + " AND provider <> 'nueve09'", String.class)).containsExactlyInAnyOrderElementsOf(executions.stream()
                    .filter(e -> !e.provider().equals("nueve09")).map(e -> e.provider() + " " + e.cardId() + " " + e.amount()).toList());
            assertThat(jdbc.queryForList("SELECT amount FROM withdrawal WHERE status = 'SUCCEEDED' AND provider = 'nueve09'", BigDecimal.class))
                    .usingElementComparator(BigDecimal::compareTo).containsExactlyInAnyOrderElementsOf(executions.stream()
                    .filter(e -> e.provider().equals("nueve09")).map(SandboxProcess.Execution::amount).toList());
            // and each terminated card is terminated once, with what the sandbox says the termination paid out where it says
            List<SandboxProcess.Termination> terminations = sandbox.terminations();
            assertThat(terminations).hasSize(jdbc.queryForObject("SELECT count(*) FROM withdrawal WHERE termination = 'TERMINATED'", Integer.class));
            assertThat(terminations.stream().collect(Collectors.groupingBy(t -> t.provider() + " " + t.cardId(), Collectors.counting())))
                    .allSatisfy((card, times) -> assertThat(times).as(card).isEqualTo(1));
            Map<String, BigDecimal> refunded = jdbc.query("SELECT provider || ' ' || card_id, termination_refunded FROM withdrawal"
                    + " WHERE termination_refunded IS NOT NULL", (java.sql.ResultSet rs) -> {
                        Map<String, BigDecimal> rows = new java.util.HashMap<>();
                        while (rs.next()) {
                            rows.put(rs.getString(1), rs.getBigDecimal(2));
                        }
                        return rows;
                    });
            assertThat(refunded).as("refunds the providers told of").isNotEmpty();
            refunded.forEach((card, amount) -> assertThat(terminations).as(card)
                    .anySatisfy(t -> {
                        assertThat(t.provider() + " " + t.cardId()).isEqualTo(card);
                        assertThat(t.refunded()).isEqualByComparingTo(amount);
                    }));

            // when a CronJob retry runs the same command the same night
            CliRun retry = sweep(sandbox, "2026-11-21");

            // then nothing is withdrawn or terminated again
            assertThat(retry.exit()).as(retry.toString()).isEqualTo(ExitCodes.COMPLETED);
            assertThat(sandbox.executions()).hasSameSizeAs(executions);
            assertThat(sandbox.terminations()).hasSameSizeAs(terminations);

            // when the next night's sweep reads the same queue
            CliRun nextNight = sweep(sandbox, "2026-11-22");

            // then it is a new run that finds every card already swept, and sends nothing
            assertThat(nextNight.exit()).as(nextNight.toString()).isEqualTo(ExitCodes.COMPLETED);
            assertThat(jdbc.queryForList("SELECT DISTINCT run_id FROM withdrawal", Long.class)).hasSize(2);
            assertThat(jdbc.queryForList("SELECT DISTINCT status FROM withdrawal WHERE run_id = (SELECT max(run_id) FROM withdrawal)",
                    String.class)).containsExactly("DUPLICATE");
            assertThat(sandbox.executions()).hasSameSizeAs(executions);
            assertThat(sandbox.terminations()).hasSameSizeAs(terminations);
        }
    }
}
