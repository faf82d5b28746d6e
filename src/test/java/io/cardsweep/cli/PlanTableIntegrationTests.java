package io.cardsweep.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.cardsweep.database.EmbeddedPostgresDatabase;
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
 * application's PostgreSQL (its schema migrated first, as the operator's table comes after cardsweep's: configured, or the
 * embedded default) or in a database of its own. The table is read with the run's reader, read-only; the sentences for a wrong table are the run's.
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

        // then every row is counted and summed per provider, whole balances apart, and the run's three steps are explained:
        // HTP's balance read before a whole balance, Plu's whole balances swept by the termination alone, Uncash's close a
        // cooldown after its withdrawal, HTP's cards left as they are
        assertThat(plan.exit()).as(plan.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(plan.out().lines()).containsSubsequence(
                "cardsweep plan: card-termination-sweep on table cards_due_for_termination — nothing is sent and nothing is written to the ledger.",
                "24 row(s) read.",
                "  provider  accepted              amount  rejected  duplicate     estimate",
                "  cartevo          6          225.25 USD         0          0       15.9 s",
                "                      + 4 whole balances",
                "  htp              4           60.00 USD         0          0       11.4 s",
                "                      + 3 whole balances",
                "  nueve09          5          350.00 MXN         0          0       15.9 s",
                "                      + 4 whole balances",
                "  plu              4  + 4 whole balances         0          0       15.9 s",
                "  uncash           5           40.00 USD         0          0   15 min 6 s",
                "                      + 4 whole balances",
                "  all             24          350.00 MXN         0          0   15 min 6 s",
                "                              325.25 USD",
                "                     + 19 whole balances",
                "Estimated time: 15 min 6 s to execute (the execute, deferred and terminate steps; reading the input and writing the report"
                        + " come on top).",
                "  plu: 4 whole balances swept by terminating their cards, no withdrawal sent",
                "  cartevo: 6 withdrawals (4 whole balances), 4 at a time, a balance read before each; 13 requests — done after 1.2 s",
                "  uncash: 5 cards with 1 withdrawal each (4 whole balances), 4 at a time, a balance read before each attempt; 10 requests"
                        + " — done after 0.9 s",
                "  htp: 4 withdrawals (3 whole balances), one at a time (one pending withdrawal per user), a balance read before each whole"
                        + " balance; 12 requests at 60 a minute — done after 11.4 s",
                "  nueve09: 5 withdrawals (4 whole balances), 4 at a time, a balance read before each; 11 requests — done after 1.2 s",
                "Then the terminate step (after 11.4 s), one card at a time for all providers: 20 terminations, a request each — done after"
                        + " 15 min 6 s.",
                "  plu: 4 cards terminated",
                "  cartevo: 6 cards terminated",
                "  uncash: 5 cards closed after their cooldown — last close 15 min 5 s after its withdrawal",
                "  htp: 4 cards not terminated: htp has no way to terminate a card, so no request",
                "  nueve09: 5 cards terminated",
                "Every row would be executed.");
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
    void readsTheTableFromTheEmbeddedDatabaseWhereItsDataFolderExists() throws Exception {
        // given the default embedded database, with cardsweep's schema and the queue in it
        Path data = dir.resolve("home/pgdata");
        try (EmbeddedPostgresDatabase embedded = EmbeddedPostgresDatabase.start(data)) {
            DriverManagerDataSource dataSource = new DriverManagerDataSource(embedded.jdbcUrl(), embedded.username(), "");
            Flyway.configure().dataSource(dataSource).load().migrate();
            new ResourceDatabasePopulator(new FileSystemResource("sample-input/termination-queue.sql")).execute(dataSource);
        }

        // when no datasource is configured
        CliRun plan = CliRun.of(Cli::run, List.of("plan", SWEEP, "--cardsweep.home=" + dir.resolve("home")));

        // then the plan starts it, reads the queue and the ledger through one read-only connection, and stops it again
        assertThat(plan.exit()).as(plan.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(plan.out()).contains("Ledger: embedded PostgreSQL in " + data.toAbsolutePath() + ", read only: 0 row(s) hold instructions"
                + " earlier runs loaded (DUPLICATE).", "24 row(s) read.");
        assertThat(data.resolve("postmaster.pid")).doesNotExist();
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
