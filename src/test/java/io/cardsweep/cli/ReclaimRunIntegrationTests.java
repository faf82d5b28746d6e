package io.cardsweep.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cardsweep.sandbox.ExecutedWithdrawal;
import io.cardsweep.sandbox.SandboxCredentials;
import io.cardsweep.sandbox.SandboxOptions;
import io.cardsweep.sandbox.SandboxServer;
import io.cardsweep.support.PropertyArguments;
import io.cardsweep.support.Sandboxes;
import io.cardsweep.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-diem reclaim end to end through the command line, in this JVM: real PostgreSQL, the sandbox
 * on a real socket, the real CSV files. Each test gets its own database and its own sandbox.
 */
class ReclaimRunIntegrationTests {

    static final Path SAMPLE = Path.of("sample-input/per-diem-reclaims.csv");

    @TempDir
    Path dir;

    TestDatabase.Coordinates database;
    SandboxServer sandbox;
    JdbcTemplate jdbc;
    String out;
    String err;

    @BeforeEach
    void start() {
        database = TestDatabase.newDatabase();
        sandbox = SandboxServer.start(SandboxOptions.defaults().withCards(Path.of("sample-input/sandbox-cards.csv")));
        jdbc = database.jdbc();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    /** Runs the command line; an extra {@code --name=value} replaces the default for that property. */
    int run(Path input, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "jobs/per-diem-reclaim.yml", "--input", input.toString(),
                "--report", dir.resolve("report.csv").toString()));
        args.addAll(PropertyArguments.merged(List.of("--cardsweep.home=" + dir.resolve("home"), "--cardsweep.job.retry.initial-backoff=10ms"),
                List.of(database.asArguments()), Sandboxes.providerArguments(sandbox), List.of(extra)));
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int exit = Cli.run(args.toArray(String[]::new), new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        out = stdout.toString(StandardCharsets.UTF_8);
        err = stderr.toString(StandardCharsets.UTF_8);
        return exit;
    }

    Map<String, String> statusByInstruction() {
        return jdbc.query("SELECT source_line, coalesce(instruction_id, '') || '@' || source_line AS k, status FROM withdrawal", rs -> {
            Map<String, String> statuses = new java.util.TreeMap<>();
            while (rs.next()) {
                statuses.put(rs.getString("k"), rs.getString("status"));
            }
            return statuses;
        });
    }

    /** Runs {@code cardsweep resolve} against the same ledger. */
    int resolve(String... args) {
        List<String> all = new ArrayList<>(List.of("resolve", "jobs/per-diem-reclaim.yml"));
        all.addAll(List.of(args));
        all.add("--cardsweep.home=" + dir.resolve("home"));
        all.addAll(List.of(database.asArguments()));
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int exit = Cli.run(all.toArray(String[]::new), new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        out = stdout.toString(StandardCharsets.UTF_8);
        err = stderr.toString(StandardCharsets.UTF_8);
        return exit;
    }

    @Nested
    class Resolving {

        @Test
        void anOperatorSettlesAWithdrawalInDoubtWithANoteAndEveryResolutionIsAnEvent() {
            // given a run whose withdrawal for one instruction ended in doubt (as after a read timeout)
            run(SAMPLE);
            String instruction = jdbc.queryForObject("SELECT instruction_id FROM withdrawal WHERE status = 'SUCCEEDED' AND provider = 'plu'"
                    + " ORDER BY id LIMIT 1", String.class);
            jdbc.update("UPDATE withdrawal SET status = 'UNKNOWN', reason_code = 'READ_TIMEOUT', reason = 'no answer' WHERE instruction_id = ?",
                    instruction);

            // when the operator, having checked with Plu, settles it
            int exit = resolve(instruction, "--as", "succeeded", "--note", "Plu support ticket 4411: executed", "--transaction-id", "plu_tx_4411");

            // then it is SUCCEEDED with the note as its reason, and the event says who settled it and how
            assertThat(exit).as(out + err).isEqualTo(ExitCodes.COMPLETED);
            assertThat(out).contains(instruction).contains("UNKNOWN → SUCCEEDED");
            assertThat(jdbc.queryForMap("SELECT status, reason_code, reason, provider_transaction_id FROM withdrawal WHERE instruction_id = ?",
                    instruction)).containsEntry("status", "SUCCEEDED").containsEntry("reason_code", "RESOLVED_BY_OPERATOR")
                    .containsEntry("reason", "resolved by an operator: Plu support ticket 4411: executed")
                    .containsEntry("provider_transaction_id", "plu_tx_4411");
            assertThat(jdbc.queryForList("SELECT e.from_status || '>' || e.to_status || ' ' || e.detail FROM withdrawal_event e"
                    + " JOIN withdrawal w ON w.id = e.withdrawal_id WHERE w.instruction_id = ? ORDER BY e.id DESC LIMIT 1", String.class, instruction))
                    .containsExactly("UNKNOWN>SUCCEEDED resolved by an operator: Plu support ticket 4411: executed");

            // and a second resolution of the same instruction, or one of an instruction that is not in doubt, changes nothing
            assertThat(resolve(instruction, "--as", "failed", "--note", "changed my mind")).isEqualTo(ExitCodes.USAGE);
            assertThat(err).contains("is SUCCEEDED, not UNKNOWN");
            assertThat(resolve("NO-SUCH-ID", "--as", "failed", "--note", "x")).isEqualTo(ExitCodes.USAGE);
            assertThat(err).contains("No instruction NO-SUCH-ID");
            assertThat(jdbc.queryForObject("SELECT status FROM withdrawal WHERE instruction_id = ?", String.class, instruction)).isEqualTo("SUCCEEDED");
        }

        @Test
        void refusesAResolutionWithoutANoteOrWithAnOutcomeThatIsNotFinal() {
            assertThat(resolve("PD-1", "--as", "succeeded")).isEqualTo(ExitCodes.USAGE);
            assertThat(err).contains("--note is required");
            assertThat(resolve("PD-1", "--as", "maybe", "--note", "x")).isEqualTo(ExitCodes.USAGE);
            assertThat(err).contains("--as must be succeeded");
            assertThat(resolve("PD-1", "--as", "not-terminated", "--refunded", "5.00", "--note", "x")).isEqualTo(ExitCodes.USAGE);
            assertThat(err).contains("--refunded goes with --as terminated only");
            assertThat(resolve("PD-1", "--as", "terminated", "--refunded", "-5", "--note", "x")).isEqualTo(ExitCodes.USAGE);
            assertThat(err).contains("--refunded must be an amount such as 12.50");
            assertThat(resolve("PD-1", "--as", "terminated", "--refunded", "1e3", "--note", "x")).isEqualTo(ExitCodes.USAGE);
        }

        @Test
        void refusesToSettleTheTerminationOfAnInstructionThatAsksForNone() {
            // given a run of a job that does not terminate its cards
            run(SAMPLE);
            String instruction = jdbc.queryForObject("SELECT instruction_id FROM withdrawal WHERE status = 'SUCCEEDED' ORDER BY id LIMIT 1", String.class);

            // when an operator settles its termination, then nothing changes and the sentence says why
            assertThat(resolve(instruction, "--as", "terminated", "--note", "x")).isEqualTo(ExitCodes.USAGE);
            assertThat(err).contains("card termination of instruction " + instruction).contains("is not asked for, not UNKNOWN");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM withdrawal WHERE termination IS NOT NULL", Integer.class)).isZero();
        }
    }

    @Nested
    class SampleInput {

        @Test
        void executesEachValidInstructionOnceAndRecordsEveryOutcome() {
            // when
            int exit = run(SAMPLE);

            // then
            assertThat(exit).as(out + err).isEqualTo(ExitCodes.COMPLETED);
            assertThat(jdbc.queryForList("SELECT status, count(*) AS n FROM withdrawal GROUP BY status ORDER BY status"))
                    .extracting(row -> row.get("status") + "=" + row.get("n"))
                    .containsExactly("DECLINED=6", "REJECTED=8", "SUCCEEDED=29");
            assertThat(jdbc.queryForList("SELECT DISTINCT provider FROM withdrawal WHERE status = 'SUCCEEDED' ORDER BY 1", String.class))
                    .containsExactly("cartevo", "htp", "nueve09", "plu", "uncash");
            assertThat(out).contains("Every instruction ended in a final state.").contains("SUCCEEDED").contains("Report:");
        }

        @Test
        void ledgerSucceededRowsEqualTheSandboxExecutionsOneForOne() {
            // when
            run(SAMPLE);

            // then
            List<String> executed = sandbox.executedWithdrawals().stream()
                    .map(w -> Sandboxes.executionLine(w.provider(), w.cardId(), w.amount(), w.transactionId(), w.idempotencyKey()))
                    .toList();
            assertThat(Sandboxes.succeededLines(jdbc)).hasSize(29).containsExactlyInAnyOrderElementsOf(executed);
        }

        @Test
        void rejectsBadRowsWithReasonsNamingLineFieldAndRule() {
            // when
            run(SAMPLE);

            // then
            Map<Long, String> reasons = jdbc.query("SELECT source_line, reason_code || ': ' || reason AS r FROM withdrawal WHERE status = 'REJECTED'",
                    rs -> {
                        Map<Long, String> byLine = new java.util.TreeMap<>();
                        while (rs.next()) {
                            byLine.put(rs.getLong(1), rs.getString(2));
                        }
                        return byLine;
                    });
            assertThat(reasons).containsOnlyKeys(22L, 23L, 24L, 25L, 26L, 42L, 43L, 44L);
            assertThat(reasons.get(22L)).startsWith("AMOUNT_TOO_MANY_DECIMALS: line 22: amount '12.345'");
            assertThat(reasons.get(23L)).startsWith("CARD_ID_MALFORMED: line 23: card_id 'not-****card'");
            assertThat(reasons.get(24L)).startsWith("UNKNOWN_PROVIDER: line 24: provider 'visa'");
            assertThat(reasons.get(25L)).isEqualTo(
                    "INSTRUCTION_ID_REPEATED: line 25: instruction_id 'PD-2026-11-0003' repeats line 4 of this file; only the first is executed");
            assertThat(reasons.get(26L)).startsWith("AMOUNT_NOT_PLAIN_DECIMAL: line 26: amount '1,000'");
            assertThat(reasons.get(42L)).isEqualTo("AMOUNT_BELOW_MINIMUM: line 42: amount '4.00' is below the plu minimum of 5");
            assertThat(reasons.get(43L)).startsWith("WALLET_ADDRESS_INVALID: line 43: wallet_address '0x80b21ead");
            assertThat(reasons.get(44L)).startsWith("CARD_ID_MALFORMED: line 44: card_id '****5892' is neither a UUID nor a 16-digit");
        }

        @Test
        void appendsAnEventForEveryTransition() {
            // when
            run(SAMPLE);

            // then
            List<String> trail = jdbc.queryForList("""
                    SELECT coalesce(e.from_status, '-') || '>' || e.to_status FROM withdrawal_event e
                    JOIN withdrawal w ON w.id = e.withdrawal_id WHERE w.instruction_id = 'PD-2026-11-0001' ORDER BY e.id
                    """, String.class);
            assertThat(trail).containsExactly("->READY", "READY>IN_FLIGHT", "IN_FLIGHT>SUCCEEDED");
            Integer rowsWithoutEvents = jdbc.queryForObject(
                    "SELECT count(*) FROM withdrawal w WHERE NOT EXISTS (SELECT 1 FROM withdrawal_event e WHERE e.withdrawal_id = w.id)",
                    Integer.class);
            assertThat(rowsWithoutEvents).isZero();
        }

        @Test
        void accountsForEveryDollarInstructedInEachCurrency() {
            // when
            run(SAMPLE);

            // then
            for (String currency : List.of("USD", "MXN")) {
                BigDecimal accepted = jdbc.queryForObject(
                        "SELECT sum(amount) FROM withdrawal WHERE status NOT IN ('REJECTED', 'DUPLICATE') AND currency = ?", BigDecimal.class, currency);
                BigDecimal perState = jdbc.queryForList("""
                        SELECT sum(amount) FROM withdrawal WHERE status NOT IN ('REJECTED', 'DUPLICATE') AND currency = ? GROUP BY status""",
                        BigDecimal.class, currency).stream().reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(perState).as(currency).isEqualByComparingTo(accepted);
            }
            BigDecimal executedUsd = sandbox.executedWithdrawals().stream().filter(w -> !w.provider().equals("nueve09"))
                    .map(ExecutedWithdrawal::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal executedMxn = sandbox.executedWithdrawals().stream().filter(w -> w.provider().equals("nueve09"))
                    .map(ExecutedWithdrawal::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(executedUsd).isEqualByComparingTo(succeeded("USD")).isEqualByComparingTo("2047.25");
            assertThat(executedMxn).isEqualByComparingTo(succeeded("MXN")).isEqualByComparingTo("2154.00");
        }

        private BigDecimal succeeded(String currency) {
            return jdbc.queryForObject("SELECT sum(amount) FROM withdrawal WHERE status = 'SUCCEEDED' AND currency = ?", BigDecimal.class, currency);
        }

        @Test
        void writesASpreadsheetFriendlyReportWithMaskedCards() throws Exception {
            // when
            run(SAMPLE);

            // then
            byte[] bytes = Files.readAllBytes(dir.resolve("report.csv"));
            String report = new String(bytes, StandardCharsets.UTF_8);
            assertThat(report).startsWith("\uFEFFinstruction_id,provider,card_id,amount,status,reason_code,reason,provider_transaction_id,fee,attempts");
            assertThat(report.split("\r\n")).hasSize(44);
            assertThat(report).contains("PD-2026-11-0001,cartevo,6513****b438,111.75,SUCCEEDED,OK,")
                    .doesNotContain("6513270e-269e-4d37-b2a7-4de452e6b438");
        }

        @Test
        void keepsKeysSecretsAndCardNumbersOutOfTheLedgerTheReportAndTheLog() throws Exception {
            // given every credential of the five providers, and every card number the sandbox and the input know
            List<String> secrets = new ArrayList<>(List.of(SandboxCredentials.PLU_API_KEY, SandboxCredentials.CARTEVO_CLIENT_KEY,
                    SandboxCredentials.UNCASH_API_KEY, SandboxCredentials.HTP_AGENT_SECRET, SandboxCredentials.NUEVE09_API_KEY,
                    SandboxCredentials.NUEVE09_PASSWORD, "Bearer "));
            secrets.addAll(cardNumbers(Files.readString(Path.of("sample-input/sandbox-cards.csv"))));
            secrets.addAll(cardNumbers(Files.readString(SAMPLE)));
            assertThat(secrets).hasSizeGreaterThan(12);

            // when
            run(SAMPLE);

            // then
            String ledger = String.join("\n", jdbc.queryForList(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
                    String.class).stream().flatMap(table -> jdbc.queryForList("SELECT t::text FROM " + table + " t", String.class).stream())
                    .toList());
            String report = Files.readString(dir.resolve("report.csv"));
            String log = Files.readString(dir.resolve("home/logs/cardsweep.log"));
            assertThat(ledger).contains("PD-2026-11-0036").contains("****2627");
            for (String secret : secrets) {
                assertThat(ledger).as("ledger").doesNotContain(secret);
                assertThat(report).as("report").doesNotContain(secret);
                assertThat(log).as("log").doesNotContain(secret);
                assertThat(out + err).as("console").doesNotContain(secret);
            }
            assertThat(log).contains("PD-2026-11-0001");
        }

        private List<String> cardNumbers(String text) {
            return java.util.regex.Pattern.compile("\\b[0-9]{15,16}\\b").matcher(text).results().map(m -> m.group()).toList();
        }
    }

    @Nested
    class RunningAgain {

        @Test
        void saysACompletedRunIsCompleteAndExecutesNothingNew() throws Exception {
            // given
            run(SAMPLE);
            int executed = sandbox.executedWithdrawals().size();
            Files.delete(dir.resolve("report.csv"));

            // when
            int exit = run(SAMPLE);

            // then
            assertThat(exit).isEqualTo(ExitCodes.COMPLETED);
            assertThat(out).contains("already completed").contains("nothing new is executed");
            assertThat(sandbox.executedWithdrawals()).hasSize(executed);
            assertThat(dir.resolve("report.csv")).content(StandardCharsets.UTF_8).contains("PD-2026-11-0001,cartevo,6513****b438,111.75,SUCCEEDED");
        }

        @Test
        void refusesToFinishARunWithoutAProviderItStillHasWithdrawalsForAndFinishesItOnceConfigured() throws Exception {
            // given a run stopped by Cartevo refusing its credentials, with Cartevo's withdrawals still READY
            int refused = run(SAMPLE, "--cardsweep.providers.cartevo.client-key=not-the-key");
            assertThat(refused).as(out + err).isEqualTo(ExitCodes.FAILED);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM withdrawal WHERE provider = 'cartevo' AND status = 'READY'", Integer.class))
                    .isEqualTo(10);

            // when the same run is started again without Cartevo configured
            int withoutCartevo = run(SAMPLE, "--cardsweep.providers.cartevo.base-url=");

            // then it stops, saying what to configure, and leaves the withdrawals for a run that can send them
            assertThat(withoutCartevo).isEqualTo(ExitCodes.FAILED);
            assertThat(err.strip()).isEqualTo("Cartevo has no base URL, yet this run has withdrawals for it: set"
                    + " cardsweep.providers.cartevo.base-url (environment variable CARDSWEEP_PROVIDERS_CARTEVO_BASEURL) and run the same"
                    + " command again.");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM withdrawal WHERE provider = 'cartevo' AND status = 'READY'", Integer.class))
                    .isEqualTo(10);

            // and once Cartevo is configured again, the same command finishes the run
            assertThat(run(SAMPLE)).as(out + err).isEqualTo(ExitCodes.COMPLETED);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM withdrawal WHERE provider = 'cartevo' AND status = 'READY'", Integer.class))
                    .isZero();
        }

        @Test
        void marksInstructionsLoadedByAnEarlierRunAsDuplicatesAndNeverExecutesThem() throws Exception {
            // given
            run(SAMPLE);
            int executed = sandbox.executedWithdrawals().size();
            Path resent = Files.writeString(dir.resolve("resent.csv"), Files.readString(SAMPLE) + "\r\n");

            // when
            int exit = run(resent);

            // then
            assertThat(exit).isEqualTo(ExitCodes.COMPLETED);
            assertThat(sandbox.executedWithdrawals()).hasSize(executed);
            List<String> duplicates = jdbc.queryForList("""
                    SELECT reason FROM withdrawal WHERE status = 'DUPLICATE' AND run_id = (SELECT max(run_id) FROM withdrawal)
                    ORDER BY source_line""", String.class);
            assertThat(duplicates).hasSize(36); // every accepted row, and line 25, which repeats an id run 1 already holds
            assertThat(duplicates.get(0)).isEqualTo(
                    "line 2: instruction_id 'PD-2026-11-0001' was already loaded by run 1 (line 2, now SUCCEEDED); only that run may execute it");
            assertThat(out).contains("DUPLICATE");
        }
    }

    @Nested
    class BadInput {

        @Test
        void failsANonCsvFileWithOneSentenceAndMovesNoMoney() throws Exception {
            // given
            Path png = Files.write(dir.resolve("photo.csv"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13});

            // when
            int exit = run(png);

            // then
            assertThat(exit).isEqualTo(ExitCodes.USAGE);
            assertThat(err.strip().lines().filter(line -> !line.isBlank()).toList()).containsExactly(
                    "Input file " + png + " is not a CSV text file (line 1 is not UTF-8 text).");
            assertThat(err + out).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(sandbox.executedWithdrawals()).isEmpty();
        }

        @Test
        void failsAFileWithoutTheRequiredHeaderWithOneSentence() throws Exception {
            // given
            Path noHeader = Files.writeString(dir.resolve("no-header.csv"), "id,who,card,sum\nPD-1,cartevo,x,10.00\n");

            // when
            int exit = run(noHeader);

            // then
            assertThat(exit).isEqualTo(ExitCodes.USAGE);
            assertThat(err).contains("has no column").contains("instruction_id").doesNotContain("Exception");
            assertThat(sandbox.executedWithdrawals()).isEmpty();
        }
    }

    @Nested
    class FailingToStart {

        @Test
        void refusesToRunWhatAnotherProcessIsRunning() throws Exception {
            // given another process holding this run's lock
            io.cardsweep.job.RunParameters parameters = new io.cardsweep.job.RunParameters("per-diem-reclaim", SAMPLE,
                    io.cardsweep.job.RunParameters.sha256(SAMPLE), java.time.LocalDate.parse("2026-11-03"), dir.resolve("report.csv"));
            try (RunLock held = RunLock.tryAcquire(jdbc.getDataSource(), parameters.identity("per-diem-reclaim"))) {
                assertThat(held).isNotNull();

                // when
                int exit = run(SAMPLE, "--run-date=2026-11-03");

                // then
                assertThat(exit).isEqualTo(ExitCodes.ALREADY_RUNNING);
                assertThat(err).contains("is already running in another process");
                assertThat(sandbox.executedWithdrawals()).isEmpty();
            }
        }

        @Test
        void saysInOneSentenceThatPostgresIsUnreachable() {
            // when
            int exit = run(SAMPLE, "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/nowhere");

            // then
            assertThat(exit).isEqualTo(ExitCodes.FAILED);
            assertThat(err.strip()).isEqualTo("Cannot use PostgreSQL: Connection to 127.0.0.1:1 refused (spring.datasource.url is"
                    + " jdbc:postgresql://127.0.0.1:1/nowhere: check it, and that the database is running).");
            assertThat(sandbox.executedWithdrawals()).isEmpty();
        }

        @Test
        void refusesToFallBackToTheSandboxInTheProdProfile() {
            // when no provider has a base URL
            int exit = run(SAMPLE, "--spring.profiles.active=prod", "--cardsweep.security.card-hash-key=a-prod-key-of-16+chars",
                    "--cardsweep.providers.plu.base-url=", "--cardsweep.providers.cartevo.base-url=", "--cardsweep.providers.uncash.base-url=",
                    "--cardsweep.providers.htp.base-url=", "--cardsweep.providers.nueve09.base-url=");

            // then
            assertThat(exit).isEqualTo(ExitCodes.FAILED);
            assertThat(err.strip()).isEqualTo("No provider is configured (cardsweep.providers.<provider>.base-url, environment variable"
                    + " CARDSWEEP_PROVIDERS_<PROVIDER>_BASEURL), and this profile has no sandbox to fall back to.");
        }

        @Test
        void runsOnlyTheConfiguredProvidersAndRejectsRowsForTheOthers() {
            // when cartevo has no base URL while the others do
            int exit = run(SAMPLE, "--cardsweep.providers.cartevo.base-url=");

            // then the sandbox does not stand in for it: its rows are rejected, nothing reaches it
            assertThat(exit).isEqualTo(ExitCodes.COMPLETED);
            assertThat(jdbc.queryForList("SELECT DISTINCT reason_code FROM withdrawal WHERE provider = 'cartevo'", String.class))
                    .containsExactly("PROVIDER_NOT_SUPPORTED");
            assertThat(jdbc.queryForObject("SELECT reason FROM withdrawal WHERE source_line = 2", String.class))
                    .isEqualTo("line 2: provider 'cartevo' is not configured for this run (configured: plu, uncash, htp, nueve09)");
            assertThat(sandbox.executedWithdrawals()).extracting(ExecutedWithdrawal::provider).doesNotContain("cartevo").isNotEmpty();
        }

        @Test
        void refusesThePublicLocalCardHashKeyOnceRealCardNumbersWouldBeHashed() {
            // when
            int exit = run(SAMPLE, "--cardsweep.security.card-hash-key=cardsweep-local-card-hash-key");

            // then
            assertThat(exit).isEqualTo(ExitCodes.FAILED);
            assertThat(err.strip()).startsWith("cardsweep.security.card-hash-key (CARDSWEEP_CARD_HASH_KEY) still has its public local value");
            assertThat(sandbox.executedWithdrawals()).isEmpty();
        }

        @Test
        void namesTheRuleAJobDefinitionValueBreaks() {
            // when
            int exit = run(SAMPLE, "--cardsweep.job.chunk-size=0");

            // then
            assertThat(exit).isEqualTo(ExitCodes.USAGE);
            assertThat(err.strip()).isEqualTo("Job definition jobs/per-diem-reclaim.yml is invalid: cardsweep.job.chunkSize must be greater than or equal to 1.");
        }
    }

    @Nested
    class Cooldowns {

        static final String CARD = "92276658-1e27-41c0-8a6a-63ec24ede6a4";

        Path sameCardThreeTimes() throws Exception {
            sandbox.close();
            sandbox = SandboxServer.start(SandboxOptions.defaults().withCards(Path.of("sample-input/sandbox-cards.csv"))
                    .withUncashCooldown(java.time.Duration.ofSeconds(2)));
            return Files.writeString(dir.resolve("same-card.csv"), """
                    instruction_id,provider,card_id,amount,currency,reference
                    CD-1,uncash,%1$s,10.00,USD,first
                    CD-2,uncash,%1$s,11.00,USD,second
                    CD-3,uncash,%1$s,12.00,USD,third
                    CD-4,uncash,ae97ba94-d0ed-482f-8f6d-05584ef8aa38,13.00,USD,another card
                    """.formatted(CARD));
        }

        @Test
        void defersAWithdrawalOnACardInCooldownAndExecutesItWhenDueWithoutEverHittingTheCooldown() throws Exception {
            // given
            Path input = sameCardThreeTimes();
            long started = System.nanoTime();

            // when
            int exit = run(input, "--cardsweep.providers.uncash.cooldown=2500ms", "--max-wait=30s");

            // then
            assertThat(exit).as(out + err).isEqualTo(ExitCodes.COMPLETED);
            assertThat(jdbc.queryForList("SELECT status FROM withdrawal ORDER BY source_line", String.class))
                    .containsExactly("SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED");
            assertThat(sandbox.stats().get("uncash").violations()).isEmpty();
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(java.time.Duration.ofSeconds(5));
            // withdrawals overlap, so which of the three went first is not fixed; the other two waited their turn
            // (the last one twice: it came due together with the second and found the card busy again)
            List<String> trails = jdbc.queryForList("""
                    SELECT string_agg(coalesce(e.from_status, '-') || '>' || e.to_status, ' ' ORDER BY e.id) FROM withdrawal_event e
                    JOIN withdrawal w ON w.id = e.withdrawal_id WHERE w.card_id = ? GROUP BY w.id""", String.class, CARD);
            assertThat(trails).hasSize(3).allSatisfy(trail -> assertThat(trail).startsWith("->READY").endsWith("IN_FLIGHT>SUCCEEDED")
                    .doesNotContain("UNKNOWN"));
            assertThat(trails).filteredOn(trail -> trail.contains("READY>DEFERRED")).hasSize(2);
            // a person watching is told what the run waits for
            assertThat(Files.readString(dir.resolve("home/logs/cardsweep.log")))
                    .containsPattern("Waiting for [12] deferred withdrawal\\(s\\): next due at \\d\\d:\\d\\d:\\d\\d \\(in \\d\\.\\d s\\); "
                            + "the run waits until \\d\\d:\\d\\d:\\d\\d \\(--max-wait\\)");
        }

        @Test
        void leavesWhatIsNotDueWithinTheTimeBudgetDeferredForTheNextRun() throws Exception {
            // given
            Path input = sameCardThreeTimes();

            // when
            int exit = run(input, "--cardsweep.providers.uncash.cooldown=2500ms", "--max-wait=0s");

            // then
            assertThat(exit).isEqualTo(ExitCodes.NEEDS_ATTENTION);
            assertThat(jdbc.queryForList("SELECT status FROM withdrawal ORDER BY source_line", String.class))
                    .containsExactlyInAnyOrder("SUCCEEDED", "DEFERRED", "DEFERRED", "SUCCEEDED");
            assertThat(jdbc.queryForList("SELECT reason_code FROM withdrawal WHERE status = 'DEFERRED'", String.class))
                    .containsOnly("COOLDOWN");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM withdrawal WHERE status = 'DEFERRED' AND not_before IS NOT NULL", Integer.class))
                    .isEqualTo(2);
            assertThat(out).contains("2 instruction(s) need attention");
            assertThat(sandbox.executedWithdrawals()).filteredOn(w -> w.cardId().equals(CARD)).hasSize(1);
        }
    }
}
