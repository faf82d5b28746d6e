package io.cardsweep.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.cardsweep.support.CliRun;
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
 * {@code cardsweep plan} of a job that reads a table: the nightly sweep over the sample termination queue, in the
 * application's PostgreSQL (its schema migrated first, as the operator's table comes after cardsweep's) or in a database
 * of its own. The table is read with the run's reader, read-only; the sentences for a wrong table are the run's.
 */
class PlanTableIntegrationTests {

    static final String SWEEP = "jobs/card-termination-sweep.yml";

    @TempDir
    Path dir;

    TestDatabase.Coordinates database;
    JdbcTemplate jdbc;

    @BeforeEach
    void migrate() {
        database = TestDatabase.newDatabase();
        DriverManagerDataSource dataSource = dataSource(database);
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
    }

    static DriverManagerDataSource dataSource(TestDatabase.Coordinates coordinates) {
        return new DriverManagerDataSource(coordinates.url(), coordinates.username(), coordinates.password());
    }

    static void loadSampleQueue(TestDatabase.Coordinates into) {
        new ResourceDatabasePopulator(new FileSystemResource("sample-input/termination-queue.sql")).execute(dataSource(into));
    }

    CliRun plan(String... extra) {
        List<String> args = new ArrayList<>(List.of("plan", SWEEP, "--cardsweep.home=" + dir.resolve("home")));
        args.addAll(List.of(database.asArguments()));
        args.addAll(List.of(extra));
        return CliRun.of(Cli::run, args);
    }

    @Test
    void plansTheSampleSweepPerProviderWithItsWholeBalancesAndTerminations() {
        // given
        loadSampleQueue(database);

        // when
        CliRun plan = plan();

        // then
        assertThat(plan.exit()).as(plan.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(plan.out().lines()).containsSubsequence(
                "cardsweep plan: card-termination-sweep on table cards_due_for_termination — nothing is sent and nothing is written to the ledger.",
                "24 row(s) read.");
        // and it wrote nothing
        assertThat(jdbc.queryForObject("SELECT count(*) FROM withdrawal", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_instance", Integer.class)).isZero();
    }

    @Test
    void readsTheTableFromASeparateSourceDatabaseWhenOneIsConfigured() {
        // given the queue in a database of its own
        TestDatabase.Coordinates source = TestDatabase.newDatabase();
        loadSampleQueue(source);

        // when
        CliRun plan = plan("--cardsweep.source.datasource.url=" + source.url(), "--cardsweep.source.datasource.username=" + source.username(),
                "--cardsweep.source.datasource.password=" + source.password());

        // then
        assertThat(plan.exit()).as(plan.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(plan.out()).contains("24 row(s) read.");
    }

    @Test
    void namesATableThatDoesNotExistInTheRunsSentence() {
        CliRun plan = plan();

        assertThat(plan.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(plan.err().strip()).isEqualTo("The table cards_due_for_termination (cardsweep.job.source.table) does not exist in the"
                + " application's database.");
    }

    @Test
    void refusesASortKeyThatIsNotUniqueInTheRunsSentence() {
        loadSampleQueue(database);

        CliRun plan = plan("--cardsweep.job.source.sort-key=provider");

        assertThat(plan.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(plan.err().strip()).startsWith("The sort key 'provider' (cardsweep.job.source.sort-key) is not unique in the table"
                + " cards_due_for_termination (cardsweep.job.source.table): 19 row(s) repeat another row's value;").hasLineCount(1);
    }

    @Test
    void saysInOneSentenceThatTheDatabaseCannotBeReached() {
        CliRun plan = CliRun.of(Cli::run, List.of("plan", SWEEP, "--cardsweep.home=" + dir.resolve("home"),
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/cardsweep?password=secret"));

        assertThat(plan.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(plan.err().strip()).startsWith("Cannot use PostgreSQL: Connection to 127.0.0.1:1 refused").doesNotContain("secret")
                .hasLineCount(1);
    }
}
