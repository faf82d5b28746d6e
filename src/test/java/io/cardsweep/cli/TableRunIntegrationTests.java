package io.cardsweep.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.cardsweep.sandbox.SandboxOptions;
import io.cardsweep.sandbox.SandboxServer;
import io.cardsweep.support.CliRun;
import io.cardsweep.support.Sandboxes;
import io.cardsweep.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job that reads a table, end to end through the command line in this JVM: real PostgreSQL (the ledger's, or a
 * separate source database), the sandbox on a real socket. Each test gets its own databases and sandbox.
 */
class TableRunIntegrationTests {

    /** Twelve cards of the sandbox's seed that no other sample withdraws from. */
    static final List<String> CARDS = List.of(
            "cartevo 29be5d21-2981-4b38-a4c2-771116e58928", "cartevo 22335332-d0e6-4b86-9d8a-d616fd35cf2c",
            "cartevo ae4d6fdf-bd5b-4fe0-879a-f86c41012b99", "cartevo c2a5b56c-73ea-40b9-ada6-2b051d4bef6f",
            "cartevo 50039fe7-2ddf-4a02-8045-c635a4c724f6", "cartevo 74186a99-56ff-4f67-96c6-9c92bde0762d",
            "uncash 12ebe792-079d-46b1-9e0b-13bd8740ad3d", "uncash 1d023975-3a0a-44c0-bb90-e44885d44809",
            "plu wayne-card-4b5kci6gzg7gwil", "plu cyberdyne-card-ddnl61dwqou25w0", "plu tyrell-card-4e8gh8tzduxx8s9",
            "plu soylent-card-5hr7riaww8wpkrl");

    @TempDir
    Path dir;

    TestDatabase.Coordinates database;
    SandboxServer sandbox;
    JdbcTemplate ledger;
    Path definition;
    CliRun last;

    @BeforeEach
    void start() throws Exception {
        database = TestDatabase.newDatabase();
        sandbox = SandboxServer.start(SandboxOptions.defaults().withCards(Path.of("sample-input/sandbox-cards.csv")));
        ledger = database.jdbc();
        definition = Files.writeString(dir.resolve("test-sweep.yml"), """
                cardsweep:
                  job:
                    name: test-sweep
                    chunk-size: 5
                    source:
                      table: termination_queue
                      sort-key: termination_id
                    columns:
                      instruction_id: termination_id
                """);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    /**
     * The queue in the ledger's own database, created after the ledger's schema: Flyway creates that in an empty schema
     * only, as in production, where cardsweep has run before the operator's table is there.
     */
    void createQueueInLedger() {
        createQueueInLedgerWith(() -> createQueue(ledger));
    }

    void createQueueInLedgerWith(Runnable create) {
        Flyway.configure().dataSource(database.url(), database.username(), database.password()).locations("classpath:db/migration")
                .load().migrate();
        create.run();
    }

    /** The termination queue: one row per card, ids 7001 … 7012, ten dollars each. */
    static void createQueue(JdbcTemplate jdbc) {
        jdbc.execute("""
                CREATE TABLE termination_queue (termination_id BIGINT PRIMARY KEY, provider TEXT NOT NULL, card_id TEXT NOT NULL,
                    amount NUMERIC(14, 2), currency CHAR(3), reference TEXT, reason TEXT)""");
        for (int i = 0; i < CARDS.size(); i++) {
            addRow(jdbc, 7001 + i, CARDS.get(i));
        }
    }

    static void addRow(JdbcTemplate jdbc, int id, String card) {
        String[] providerAndCard = card.split(" ");
        jdbc.update("INSERT INTO termination_queue VALUES (?, ?, ?, 10.00, 'USD', ?, 'offboarded')", id, providerAndCard[0],
                providerAndCard[1], "Termination sweep T-" + id);
    }

    /** Runs the command line on the test's job definition; an extra {@code --name=value} replaces the default for that name. */
    int run(String... extra) {
        Map<String, String> arguments = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(List.of("--report=" + dir.resolve("report.csv"), "--cardsweep.home=" + dir.resolve("home"),
                "--cardsweep.job.retry.initial-backoff=10ms"));
        all.addAll(List.of(database.asArguments()));
        all.addAll(Sandboxes.providerArguments(sandbox));
        all.addAll(List.of(extra));
        all.forEach(arg -> arguments.put(arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg, arg));
        List<String> args = new ArrayList<>(List.of("run", definition.toString()));
        args.addAll(arguments.values());
        last = CliRun.of(Cli::run, args);
        return last.exit();
    }

    List<String> linesAndIds(long runId) {
        return ledger.queryForList("SELECT source_line || ':' || instruction_id FROM withdrawal WHERE run_id = ? ORDER BY source_line",
                String.class, runId);
    }

    static List<String> expectedLinesAndIds(int count) {
        List<String> expected = new ArrayList<>();
        for (int line = 1; line <= count; line++) {
            expected.add(line + ":" + (7000 + line));
        }
        return expected;
    }

    @Nested
    class Restarting {

        @Test
        void resumesAfterAFailureInTheMiddleFromTheLastCommittedKeyReadingNoRowTwiceAndSkippingNone() {
            // given a ledger that refuses the eighth row (in the load step's second chunk) once, as a database hiccup would
            createQueueInLedger();
            ledger.execute("CREATE TABLE refused_once (instruction_id TEXT)");
            ledger.execute("INSERT INTO refused_once VALUES ('7008')");
            ledger.execute("""
                    CREATE FUNCTION refuse_once() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF EXISTS (SELECT 1 FROM refused_once WHERE instruction_id = NEW.instruction_id) THEN
                            RAISE EXCEPTION 'the ledger refused %', NEW.instruction_id;
                        END IF;
                        RETURN NEW;
                    END $$""");
            ledger.execute("CREATE TRIGGER refuse_once BEFORE INSERT ON withdrawal FOR EACH ROW EXECUTE FUNCTION refuse_once()");

            // when the run fails there, rows it committed are then deleted from the table, and the same command runs again
            int failed = run("--run-date=2026-11-03");
            assertThat(failed).as("%s", last).isEqualTo(ExitCodes.FAILED);
            assertThat(linesAndIds(1)).containsExactlyElementsOf(expectedLinesAndIds(5));
            ledger.update("DELETE FROM refused_once");
            ledger.update("DELETE FROM termination_queue WHERE termination_id <= 7003");
            int resumed = run("--run-date=2026-11-03");

            // then the second attempt read on after the last committed key, 7005: every row once, in order, each executed once
            assertThat(resumed).as("%s", last).isEqualTo(ExitCodes.COMPLETED);
            assertThat(last.out()).contains("Resuming run 1 of test-sweep");
            assertThat(linesAndIds(1)).containsExactlyElementsOf(expectedLinesAndIds(12));
            assertThat(ledger.queryForList("SELECT read_count FROM batch_step_execution WHERE step_name = 'load' ORDER BY step_execution_id",
                    Integer.class)).hasSize(2).last().isEqualTo(7);
            assertThat(ledger.queryForList("SELECT DISTINCT status FROM withdrawal", String.class)).containsExactly("SUCCEEDED");
            assertThat(sandbox.executedWithdrawals()).hasSize(12);
        }

        @Test
        void theSameDateIsTheSameRunAndTheNextDateANewOneWhoseRowsAnEarlierRunExecutedAreDuplicates() {
            // given
            createQueueInLedger();
            assertThat(run("--run-date=2026-11-03")).as("%s", last).isEqualTo(ExitCodes.COMPLETED);
            assertThat(last.out()).contains("cardsweep: test-sweep on table termination_queue, run date 2026-11-03");

            // when the same night's command runs again
            int again = run("--run-date=2026-11-03");

            // then it is the same run, already complete
            assertThat(again).isEqualTo(ExitCodes.COMPLETED);
            assertThat(last.out()).contains("Run 1 of test-sweep on this input already completed");
            assertThat(sandbox.executedWithdrawals()).hasSize(12);

            // when the next night's runs, with one card added to the queue meanwhile
            addRow(ledger, 7013, "uncash 211d7f5a-7c27-42dc-95c3-3ad40a4d8571");
            int nextNight = run("--run-date=2026-11-04");

            // then it is a new run: what run 1 executed is a DUPLICATE, sent no more; only the new row is executed
            assertThat(nextNight).as("%s", last).isEqualTo(ExitCodes.COMPLETED);
            assertThat(ledger.queryForList("SELECT status || ' ' || count(*) FROM withdrawal WHERE run_id = 2 GROUP BY status ORDER BY 1",
                    String.class)).containsExactly("DUPLICATE 12", "SUCCEEDED 1");
            assertThat(ledger.queryForObject("SELECT reason FROM withdrawal WHERE run_id = 2 AND source_line = 1", String.class))
                    .isEqualTo("line 1: instruction_id '7001' was already loaded by run 1 (line 1, now SUCCEEDED); only that run may execute it");
            assertThat(sandbox.executedWithdrawals()).hasSize(13);
            assertThat(last.out()).doesNotContain("Warning");
        }

        @Test
        void warnsOfAnEarlierNightsRunThatDidNotCompleteWithTheCommandThatResumesIt() {
            // given a night whose run stopped with Cartevo's credentials refused, its Cartevo withdrawals not sent
            createQueueInLedger();
            assertThat(run("--run-date=2026-11-02", "--cardsweep.providers.cartevo.client-key=not-the-key")).isEqualTo(ExitCodes.FAILED);

            // when the next night's run starts
            int nextNight = run("--run-date=2026-11-03");

            // then it names the unfinished run and the command that resumes it, and does not call the night a good one
            assertThat(nextNight).as("%s", last).isEqualTo(ExitCodes.NEEDS_ATTENTION);
            assertThat(last.out()).contains("1 earlier run(s) of test-sweep did not complete: resume them with the command(s) above.");
            assertThat(last.out()).contains("Warning: run 1 of test-sweep (run date 2026-11-02) did not complete (FAILED), and what it has"
                    + " not sent yet waits for it; resume it with: cardsweep run " + definition + " --run-date 2026-11-02");

            // and that command finishes it, after which no run is named any more
            assertThat(run("--run-date=2026-11-02")).as("%s", last).isEqualTo(ExitCodes.COMPLETED);
            assertThat(ledger.queryForObject("SELECT count(*) FROM withdrawal WHERE run_id = 1 AND status = 'SUCCEEDED'", Integer.class))
                    .isEqualTo(12);
            run("--run-date=2026-11-04");
            assertThat(last.out()).doesNotContain("Warning");
        }
    }

    @Nested
    class SourceDatabase {

        @Test
        void readsTheTableFromASeparateDatabaseWhenOneIsConfigured() {
            // given the queue in a database of its own, not the ledger's
            TestDatabase.Coordinates source = TestDatabase.newDatabase();
            createQueue(source.jdbc());

            // when
            int exit = run("--run-date=2026-11-03", "--cardsweep.source.datasource.url=" + source.url(),
                    "--cardsweep.source.datasource.username=" + source.username(), "--cardsweep.source.datasource.password=" + source.password());

            // then
            assertThat(exit).as("%s", last).isEqualTo(ExitCodes.COMPLETED);
            assertThat(linesAndIds(1)).containsExactlyElementsOf(expectedLinesAndIds(12));
            assertThat(sandbox.executedWithdrawals()).hasSize(12);
            assertThat(ledger.queryForObject("SELECT to_regclass('termination_queue') IS NULL", Boolean.class)).isTrue();
        }

        @Test
        void saysInOneSentenceThatTheSourceDatabaseCannotBeReached() {
            // when
            int exit = run("--run-date=2026-11-03", "--cardsweep.source.datasource.url=jdbc:postgresql://127.0.0.1:1/queue?password=secret");

            // then
            assertThat(exit).isEqualTo(ExitCodes.FAILED);
            assertThat(last.err().strip()).isEqualTo("The table termination_queue (cardsweep.job.source.table) cannot be read: the source database"
                    + " (cardsweep.source.datasource.url jdbc:postgresql://127.0.0.1:1/queue) cannot be reached (Connection to 127.0.0.1:1 refused).");
            assertThat(sandbox.executedWithdrawals()).isEmpty();
        }
    }

    @Nested
    class WrongSettings {

        @Test
        void namesATableThatDoesNotExistAndExecutesNothing() {
            // when
            int exit = run("--run-date=2026-11-03");

            // then
            assertThat(exit).isEqualTo(ExitCodes.USAGE);
            assertThat(last.err().strip()).isEqualTo("The table termination_queue (cardsweep.job.source.table) does not exist in the application's"
                    + " database.");
            assertThat(last.err() + last.out()).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(sandbox.executedWithdrawals()).isEmpty();
        }

        @Test
        void refusesASortKeyThatIsNotUniqueBeforeLoadingAnything() {
            // given
            createQueueInLedger();

            // when
            int exit = run("--run-date=2026-11-03", "--cardsweep.job.source.sort-key=reason");

            // then
            assertThat(exit).isEqualTo(ExitCodes.USAGE);
            assertThat(last.err().strip()).startsWith("The sort key 'reason' (cardsweep.job.source.sort-key) is not unique in the table"
                    + " termination_queue (cardsweep.job.source.table): 11 row(s) repeat another row's value;");
            assertThat(ledger.queryForObject("SELECT count(*) FROM withdrawal", Integer.class)).isZero();
        }

        @Test
        void refusesATableAndAQueryTogetherAndASourceWithoutSortKey() {
            assertThat(run("--cardsweep.job.source.sql=SELECT * FROM termination_queue")).isEqualTo(ExitCodes.USAGE);
            assertThat(last.err().strip()).isEqualTo("Job definition " + definition + " has a value that cannot be used for cardsweep.job.source:"
                    + " give a table (table) or a query (sql), not both.");

            assertThat(run("--cardsweep.job.source.sort-key=")).isEqualTo(ExitCodes.USAGE);
            assertThat(last.err().strip()).isEqualTo("Job definition " + definition + " has a value that cannot be used for cardsweep.job.source:"
                    + " sort-key is required: name a unique column, such as the primary key, so that a restart resumes exactly where the run"
                    + " stopped.");
        }

        @Test
        void refusesAnInputFileForAJobThatReadsATable() {
            assertThat(run("--input=sample-input/per-diem-reclaims.csv")).isEqualTo(ExitCodes.USAGE);
            assertThat(last.err()).startsWith("Job definition " + definition + " reads its instructions from the table or query in"
                    + " cardsweep.job.source, so it takes no --input.");
        }

    }

    @Nested
    class RunDates {

        @Test
        void defaultsToTodayInTheJobDefinitionsTimeZone() {
            // given
            java.time.ZoneId zone = java.time.ZoneId.of("Pacific/Kiritimati");
            java.time.LocalDate before = java.time.LocalDate.now(zone);

            // when
            run("--cardsweep.job.time-zone=" + zone);

            // then
            assertThat(last.out()).containsAnyOf("run date " + before, "run date " + java.time.LocalDate.now(zone));
        }

        @Test
        void refusesADateOrATimeZoneThatIsNoneWithOneSentence() {
            assertThat(run("--run-date=03/11/2026")).isEqualTo(ExitCodes.USAGE);
            assertThat(last.err()).startsWith("--run-date needs a date as YYYY-MM-DD, such as 2026-11-03, not '03/11/2026'.")
                    .contains(RunCommand.USAGE);

            assertThat(run("--cardsweep.job.time-zone=Mars/Olympus_Mons")).isEqualTo(ExitCodes.USAGE);
            assertThat(last.err().strip()).startsWith("Job definition " + definition + " has a value that cannot be used for"
                    + " cardsweep.job.time-zone: ").doesNotContain("\n");
        }
    }

    @Nested
    class SampleQueue {

        void loadSample(TestDatabase.Coordinates into) {
            new ResourceDatabasePopulator(new FileSystemResource("sample-input/termination-queue.sql"))
                    .execute(new DriverManagerDataSource(into.url(), into.username(), into.password()));
        }

        @Test
        void loadsTwiceAndHoldsOnlySandboxCardsThatThePerDiemSampleLeavesAlone() throws Exception {
            // given
            Set<String> seeded = Files.readAllLines(Path.of("sample-input/sandbox-cards.csv")).stream()
                    .map(line -> line.split(",")).map(cells -> cells[0] + " " + cells[1]).collect(Collectors.toSet());
            String perDiem = Files.readString(Path.of("sample-input/per-diem-reclaims.csv"));

            // when
            loadSample(database);
            loadSample(database);

            // then
            List<Map<String, Object>> rows = ledger.queryForList("SELECT provider, card_id, amount FROM cards_due_for_termination");
            assertThat(rows).hasSize(24);
            assertThat(rows).extracting(row -> row.get("provider")).containsOnly("plu", "cartevo", "uncash", "htp", "nueve09");
            assertThat(rows).allSatisfy(row -> {
                assertThat(seeded).contains(row.get("provider") + " " + row.get("card_id"));
                assertThat(perDiem).doesNotContain((String) row.get("card_id"));
            });
            assertThat(rows).filteredOn(row -> row.get("provider").equals("plu")).hasSize(4)
                    .allSatisfy(row -> assertThat(row.get("amount")).isIn(null, "ALL"));
            assertThat(rows).filteredOn(row -> row.get("amount") == null || row.get("amount").equals("ALL")).hasSizeGreaterThan(rows.size() / 2);
        }

        @Test
        void theNightlySweepReadsTheWholeQueueInTerminationIdOrder() {
            // given
            createQueueInLedgerWith(() -> loadSample(database));
            definition = Path.of("jobs/card-termination-sweep.yml");

            // when (not waiting for what a cooldown defers: Uncash closes a card only 15 minutes after its withdrawal)
            int exit = run("--run-date=2026-11-03", "--max-wait=0s");

            // then
            assertThat(exit).as("%s", last).isIn(ExitCodes.COMPLETED, ExitCodes.NEEDS_ATTENTION);
            assertThat(last.out()).contains("cardsweep: card-termination-sweep on table cards_due_for_termination, run date 2026-11-03");
            assertThat(linesAndIds(1)).containsExactlyElementsOf(expectedLinesAndIds(24));
        }
    }
}
