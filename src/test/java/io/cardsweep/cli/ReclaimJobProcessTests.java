package io.cardsweep.cli;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cardsweep.support.JarProcess;
import io.cardsweep.support.SandboxProcess;
import io.cardsweep.support.Sandboxes;
import io.cardsweep.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar end to end, as separate processes: the sandbox in one, the job in another, the
 * ledger in PostgreSQL. The job is SIGKILLed in the middle of the execute step and started again with
 * the same command, and the sandbox's record of what it executed is held against the ledger.
 */
class ReclaimJobProcessTests {

    @TempDir
    Path dir;

    TestDatabase.Coordinates database;
    JdbcTemplate jdbc;

    @BeforeEach
    void database() {
        database = TestDatabase.newDatabase();
        jdbc = database.jdbc();
    }

    @Test
    void ledgerSucceededRowsOfAllFiveProvidersEqualTheSandboxExecutionsOneForOne() throws Exception {
        try (SandboxProcess sandbox = SandboxProcess.start(dir, "--cards", "sample-input/sandbox-cards.csv")) {
            // when
            int exit = runJob(sandbox, Path.of("sample-input/per-diem-reclaims.csv"), "run").waitForExit(180);

            // then
            assertThat(exit).isEqualTo(ExitCodes.COMPLETED);
            assertThat(Sandboxes.succeededLines(jdbc)).hasSize(29)
                    .containsExactlyInAnyOrderElementsOf(sandbox.executions().stream().map(SandboxProcess.Execution::line).toList());
            assertThat(sandbox.stats().get("htp").get("violations").size()).as("HTP limits respected").isZero();
        }
    }

    @Test
    void twoShardsOfOneRunExecuteEveryInstructionExactlyOnceWithinHtpsLimit() throws Exception {
        try (SandboxProcess sandbox = SandboxProcess.start(dir, "--cards", "sample-input/sandbox-cards.csv")) {
            // when both halves run at once, as two pods of an Indexed Job would
            JarProcess first = runJob(sandbox, Path.of("sample-input/per-diem-reclaims.csv"), "shard-0", "--shard", "0/2",
                    "--report", dir.resolve("report-0.csv").toString());
            JarProcess second = runJob(sandbox, Path.of("sample-input/per-diem-reclaims.csv"), "shard-1", "--shard", "1/2",
                    "--report", dir.resolve("report-1.csv").toString());
            int firstExit = first.waitForExit(180);
            int secondExit = second.waitForExit(180);

            // then
            assertThat(firstExit).as(first.output()).isEqualTo(ExitCodes.COMPLETED);
            assertThat(secondExit).as(second.output()).isEqualTo(ExitCodes.COMPLETED);
            assertThat(jdbc.queryForList("SELECT DISTINCT run_id FROM withdrawal", Long.class)).hasSize(2);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM withdrawal", Integer.class)).isEqualTo(43);
            // line 25 repeats line 4's instruction id with another card: whichever shard saw it second refused it
            assertThat(jdbc.queryForList("SELECT instruction_id FROM withdrawal WHERE status = 'DUPLICATE' OR reason_code = 'INSTRUCTION_ID_REPEATED'",
                    String.class)).containsExactly("PD-2026-11-0003");
            assertThat(Sandboxes.succeededLines(jdbc)).hasSize(29)
                    .containsExactlyInAnyOrderElementsOf(sandbox.executions().stream().map(SandboxProcess.Execution::line).toList());
            // the shared bucket keeps both processes within HTP's rate, the shared guard within its one pending per user
            assertThat(sandbox.stats().get("htp").get("violations").size()).as("HTP limits respected: %s", sandbox.stats().get("htp"))
                    .isZero();
        }
    }

    @Test
    void killedDuringExecuteAndRunAgainExecutesNothingTwiceAndLosesNothing() throws Exception {
        // given 300 instructions, one card each, and a provider that answers after 20 ms
        Path cards = dir.resolve("cards.csv");
        Path input = dir.resolve("instructions.csv");
        writeCardsAndInstructions(cards, input, 150);
        // nothing here should be deferred; if something were, the run says so (exit 3) instead of waiting out a cooldown
        String[] boundedWait = {"--report", dir.resolve("report.csv").toString(), "--max-wait", "1m"};
        try (SandboxProcess sandbox = SandboxProcess.start(dir, "--cards", cards.toString(), "--latency", "20ms")) {
            // when: killed twice during execute, then run to the end with the same command
            for (int killAt : new int[] {40, 160}) {
                JarProcess job = runJob(sandbox, input, "run-killed-at-" + killAt, boundedWait);
                awaitExecutions(sandbox, job, killAt);
                job.kill();
            }
            JarProcess last = runJob(sandbox, input, "run-final", boundedWait);
            int exit = last.waitForExit(300);

            // then: every instruction ended in a recorded final state …
            assertThat(exit).as(last.output()).isIn(ExitCodes.COMPLETED, ExitCodes.NEEDS_ATTENTION);
            assertThat(last.output()).contains("was interrupted").contains("recovering it");
            Map<String, Long> byStatus = jdbc.queryForList("SELECT status FROM withdrawal", String.class).stream()
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(byStatus.keySet()).isSubsetOf("SUCCEEDED", "UNKNOWN");
            assertThat(byStatus.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(300);
            // … only the rows in flight at a kill are UNKNOWN, each with its reason, never sent again …
            List<Map<String, Object>> unknown = jdbc.queryForList("SELECT card_id, reason_code, attempts FROM withdrawal WHERE status = 'UNKNOWN'");
            // at most what was in flight at the two kills: two providers, four withdrawals each at a time
            assertThat(unknown).hasSizeLessThanOrEqualTo(2 * 2 * 4)
                    .allSatisfy(row -> assertThat(row).containsEntry("reason_code", "INTERRUPTED_IN_FLIGHT").containsEntry("attempts", 1));
            // … no card was withdrawn from twice, and every execution is in the ledger as SUCCEEDED or UNKNOWN
            List<SandboxProcess.Execution> executions = sandbox.executions();
            System.out.printf("after 2 kills: ledger %s, sandbox executed %d, unknown rows %d%n", byStatus, executions.size(), unknown.size());
            assertThat(executions).extracting(SandboxProcess.Execution::cardId).doesNotHaveDuplicates();
            List<String> notSucceeded = executions.stream().map(SandboxProcess.Execution::cardId)
                    .filter(card -> !succeededCards().contains(card)).toList();
            assertThat(unknown).extracting(row -> (String) row.get("card_id")).containsAll(notSucceeded);
            assertThat(succeededRows()).isSubsetOf(asRows(executions));
            assertThat(succeededRows()).hasSize(executions.size() - notSucceeded.size());
        }
    }

    @Test
    void stoppedBySigtermMidRunLeavesNothingInFlightAndTheSameCommandFinishesIt() throws Exception {
        // given 300 instructions, a provider that answers after 100 ms, and chunks of 50 rows per thread: each provider's
        // 150 rows are one chunk
        Path cards = dir.resolve("cards.csv");
        Path input = dir.resolve("instructions.csv");
        writeCardsAndInstructions(cards, input, 150);
        String[] boundedWait = {"--report", dir.resolve("report.csv").toString(), "--max-wait", "1m"};
        try (SandboxProcess sandbox = SandboxProcess.start(dir, "--cards", cards.toString(), "--latency", "100ms")) {
            // when the run is asked to stop in the middle of execute
            JarProcess job = runJob(sandbox, input, "run-terminated", 50, boundedWait);
            awaitExecutions(sandbox, job, 60);
            job.terminate();
            int stoppedExit = job.waitForExit(60);

            // then it stopped without finishing its chunk: every withdrawal sent has its outcome, none is in flight or in
            // doubt, and the rows not started wait READY
            assertThat(stoppedExit).as(job.output()).isEqualTo(ExitCodes.STOPPED);
            assertThat(job.output()).contains("Stop requested").contains("stopped on request").contains("Run the same command to resume");
            assertThat(jdbc.queryForObject("SELECT status FROM batch_job_execution ORDER BY job_execution_id DESC LIMIT 1", String.class))
                    .isEqualTo("STOPPED");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM withdrawal WHERE status IN ('IN_FLIGHT', 'UNKNOWN')", Integer.class)).isZero();
            int executedWhenStopped = sandbox.executions().size();
            assertThat(succeededRows()).hasSize(executedWhenStopped).containsExactlyInAnyOrderElementsOf(asRows(sandbox.executions()));
            assertThat(executedWhenStopped).isLessThan(300);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM withdrawal WHERE status = 'READY'", Integer.class))
                    .isEqualTo(300 - executedWhenStopped);

            // when the same command runs again
            JarProcess again = runJob(sandbox, input, "run-resumed", 50, boundedWait);
            int exit = again.waitForExit(300);

            // then it resumes and finishes: each instruction executed exactly once, all of them SUCCEEDED
            assertThat(exit).as(again.output()).isEqualTo(ExitCodes.COMPLETED);
            assertThat(again.output()).contains("Resuming run").doesNotContain("was interrupted");
            List<SandboxProcess.Execution> executions = sandbox.executions();
            assertThat(executions).hasSize(300).extracting(SandboxProcess.Execution::cardId).doesNotHaveDuplicates();
            assertThat(succeededRows()).containsExactlyInAnyOrderElementsOf(asRows(executions));
        }
    }

    @Test
    void stoppedBySigtermWithTheEmbeddedDatabaseStillRecordsItsLastOutcomes() throws Exception {
        // given the embedded PostgreSQL and the in-process sandbox, answering after 50 ms
        Path cards = dir.resolve("cards.csv");
        Path input = dir.resolve("instructions.csv");
        writeCardsAndInstructions(cards, input, 150);
        Path home = dir.resolve("embedded-home");
        List<String> args = List.of("run", "jobs/per-diem-reclaim.yml", "--input", input.toString(), "--report", dir.resolve("report.csv").toString(),
                "--cardsweep.home=" + home, "--cardsweep.job.chunk-size=10", "--cardsweep.sandbox.cards=" + cards,
                "--cardsweep.sandbox.latency=50ms");

        // when the run is asked to stop once withdrawals are being executed
        JarProcess job = JarProcess.start(dir, "embedded-terminated", args);
        long deadline = System.nanoTime() + 120_000_000_000L;
        Path log = home.resolve("logs/cardsweep.log");
        while (!Files.exists(log) || Files.readString(log).split("WithdrawalExecutor", -1).length < 30) {
            assertThat(job.isAlive()).as(job.output()).isTrue();
            assertThat(System.nanoTime()).as("withdrawals started").isLessThan(deadline);
            Thread.sleep(50);
        }
        job.terminate();
        int exit = job.waitForExit(60);

        // then the database was still there for the stopping run: it stopped cleanly and says how to resume
        assertThat(exit).as(job.output()).isEqualTo(ExitCodes.STOPPED);
        assertThat(job.output()).contains("stopped on request").doesNotContain("could not be asked to stop");
        JarProcess again = JarProcess.start(dir, "embedded-resumed", args);
        assertThat(again.waitForExit(300)).as(again.output()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(again.output()).contains("Resuming run").contains("SUCCEEDED      150");
    }

    @Test
    void aDatabaseOutageMidRunFailsTheRunCleanlyAndTheSameCommandFinishesItOnceTheDatabaseIsBack() throws Exception {
        // given 300 instructions, the job's own embedded PostgreSQL, and a provider that answers after 20 ms
        Path cards = dir.resolve("cards.csv");
        Path input = dir.resolve("instructions.csv");
        writeCardsAndInstructions(cards, input, 150);
        Path home = dir.resolve("outage-home");
        Path report = dir.resolve("outage-report.csv");
        try (SandboxProcess sandbox = SandboxProcess.start(dir, "--cards", cards.toString(), "--latency", "20ms")) {
            List<String> args = new ArrayList<>(List.of("run", "jobs/per-diem-reclaim.yml", "--input", input.toString(), "--report",
                    report.toString(), "--cardsweep.home=" + home, "--cardsweep.job.chunk-size=10", "--max-wait", "1m"));
            args.addAll(sandbox.providerArguments());

            // when PostgreSQL stops (a fast shutdown: its clients are cut off) while withdrawals are being executed
            JarProcess job = JarProcess.start(dir, "outage", args);
            awaitExecutions(sandbox, job, 60);
            long postmaster = Long.parseLong(Files.readAllLines(home.resolve("pgdata/postmaster.pid")).get(0).strip());
            new ProcessBuilder("kill", "-INT", String.valueOf(postmaster)).start().waitFor();
            int failedExit = job.waitForExit(300);
            System.out.println("the run during the outage said:\n" + job.output());

            // then the run failed with a sentence, not a stack trace
            assertThat(failedExit).as(job.output()).isEqualTo(ExitCodes.FAILED);
            assertThat(job.output()).contains("run the same command again").doesNotContain("\tat org.");

            // when the same command runs again (it starts PostgreSQL again)
            JarProcess again = JarProcess.start(dir, "after-outage", args);
            int exit = again.waitForExit(300);

            // then it finished: nothing executed twice, every instruction final or UNKNOWN with a reason, and every
            // SUCCEEDED row is one of the sandbox's executions
            assertThat(exit).as(again.output()).isIn(ExitCodes.COMPLETED, ExitCodes.NEEDS_ATTENTION);
            List<SandboxProcess.Execution> executions = sandbox.executions();
            assertThat(executions).extracting(SandboxProcess.Execution::cardId).doesNotHaveDuplicates();
            List<String[]> rows;
            try (com.opencsv.CSVReader reader = new com.opencsv.CSVReader(Files.newBufferedReader(report))) {
                rows = reader.readAll();
            }
            List<String> header = List.of(rows.get(0)).stream().map(name -> name.replace("\uFEFF", "")).toList();
            int status = header.indexOf("status");
            int reason = header.indexOf("reason_code");
            int transaction = header.indexOf("provider_transaction_id");
            List<String[]> ledger = rows.subList(1, rows.size());
            assertThat(ledger).hasSize(300).allSatisfy(row -> assertThat(row[status]).isIn("SUCCEEDED", "UNKNOWN"))
                    .filteredOn(row -> row[status].equals("UNKNOWN")).allSatisfy(row -> assertThat(row[reason]).isNotBlank());
            List<String> executedTransactions = executions.stream().map(SandboxProcess.Execution::transactionId).toList();
            assertThat(ledger).filteredOn(row -> row[status].equals("SUCCEEDED"))
                    .allSatisfy(row -> assertThat(executedTransactions).contains(row[transaction]));
            assertThat(ledger.stream().filter(row -> row[status].equals("SUCCEEDED")).count() + ledger.stream()
                    .filter(row -> row[status].equals("UNKNOWN")).count()).isEqualTo(300);
            assertThat(executions.size()).isGreaterThanOrEqualTo((int) ledger.stream().filter(row -> row[status].equals("SUCCEEDED")).count());
        }
    }

    private JarProcess runJob(SandboxProcess sandbox, Path input, String name, String... extra) throws Exception {
        return runJob(sandbox, input, name, 10, extra);
    }

    private JarProcess runJob(SandboxProcess sandbox, Path input, String name, int chunkSize, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "jobs/per-diem-reclaim.yml", "--input", input.toString(),
                "--cardsweep.home=" + dir.resolve("home"), "--cardsweep.job.chunk-size=" + chunkSize));
        args.addAll(extra.length > 0 ? List.of(extra) : List.of("--report", dir.resolve("report.csv").toString()));
        args.addAll(List.of(database.asArguments()));
        args.addAll(sandbox.providerArguments());
        return JarProcess.start(dir, name, args);
    }

    private static void awaitExecutions(SandboxProcess sandbox, JarProcess job, int count) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (sandbox.executions().size() < count) {
            if (!job.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the job ended or stalled before " + count + " executions:\n" + job.output());
            }
            Thread.sleep(20);
        }
    }

    private List<String> succeededRows() {
        return jdbc.query("SELECT provider, card_id, amount, provider_transaction_id FROM withdrawal WHERE status = 'SUCCEEDED'",
                (rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getBigDecimal(3).toPlainString() + " " + rs.getString(4));
    }

    private List<String> succeededCards() {
        return jdbc.queryForList("SELECT card_id FROM withdrawal WHERE status = 'SUCCEEDED'", String.class);
    }

    private static List<String> asRows(List<SandboxProcess.Execution> executions) {
        return executions.stream()
                .map(e -> e.provider() + " " + e.cardId() + " " + e.amount().setScale(2).toPlainString() + " " + e.transactionId())
                .toList();
    }

    private static void writeCardsAndInstructions(Path cards, Path input, int perProvider) throws Exception {
        StringBuilder cardRows = new StringBuilder("provider,card_id,balance,status,currency\n");
        StringBuilder instructions = new StringBuilder("instruction_id,provider,card_id,amount,currency,reference\n");
        int n = 0;
        for (String provider : List.of("cartevo", "uncash")) {
            for (int i = 0; i < perProvider; i++) {
                String card = UUID.nameUUIDFromBytes((provider + i).getBytes()).toString();
                String status = provider.equals("cartevo") ? "ACTIVE" : "active";
                cardRows.append(provider).append(',').append(card).append(",500.00,").append(status).append(",USD\n");
                BigDecimal amount = new BigDecimal(10 + (i % 40)).add(new BigDecimal("0.25"));
                instructions.append("KILL-").append(++n).append(',').append(provider).append(',').append(card).append(',')
                        .append(amount.toPlainString()).append(",USD,kill test ").append(n).append('\n');
            }
        }
        Files.writeString(cards, cardRows);
        Files.writeString(input, instructions);
    }
}
