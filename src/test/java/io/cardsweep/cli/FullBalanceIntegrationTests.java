package io.cardsweep.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.cardsweep.sandbox.ExecutedWithdrawal;
import io.cardsweep.sandbox.SandboxOptions;
import io.cardsweep.sandbox.SandboxServer;
import io.cardsweep.support.CliRun;
import io.cardsweep.support.Sandboxes;
import io.cardsweep.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instructions for a card's whole balance, through the command line against the sandbox over HTTP: the balance is read
 * just before the withdrawal, what one withdrawal may take is withdrawn, a balance too small for the provider ends
 * {@code NOTHING_TO_RECLAIM} unsent, and a job that does not sweep whole balances refuses such instructions at load.
 */
class FullBalanceIntegrationTests {

    static final String CARTEVO_FULL = "6c1b1f0e-5d0e-4a8e-9a53-0f3e2d8b7a01";
    static final String CARTEVO_CRUMBS = "6c1b1f0e-5d0e-4a8e-9a53-0f3e2d8b7a02";
    static final String CARTEVO_GIVEN = "6c1b1f0e-5d0e-4a8e-9a53-0f3e2d8b7a03";
    static final String UNCASH_RICH = "7d2c2a1f-6e1f-4b9f-8b64-1a4f3e9c8b01";
    static final String HTP_FULL = "8e3d3b2a-7f2a-4cab-9c75-2b5a4fad9c01";
    static final String HTP_BELOW_FEE = "8e3d3b2a-7f2a-4cab-9c75-2b5a4fad9c02";
    static final String NUEVE09_PAN = "5512000011112224";
    static final String PLU_CARD = "acme-card-fullbalance01";

    static final String HEADER = "instruction_id,provider,card_id,amount,currency,reference,wallet_address,network,latitude,longitude";
    static final String WALLET = "TVbQp3zppn9sNP6kXz5xwTs2xYd1gjRRe1,TRC20";

    @TempDir
    Path dir;

    TestDatabase.Coordinates database;
    SandboxServer sandbox;
    JdbcTemplate jdbc;

    @BeforeEach
    void start() throws IOException {
        Path cards = dir.resolve("cards.csv");
        Files.write(cards, List.of("provider,card_id,balance,status,currency,user_id,pan",
                "cartevo," + CARTEVO_FULL + ",250.00,ACTIVE,USD,,",
                "cartevo," + CARTEVO_CRUMBS + ",0.80,ACTIVE,USD,,",
                "cartevo," + CARTEVO_GIVEN + ",40.00,ACTIVE,USD,,",
                "uncash," + UNCASH_RICH + ",12345.67,active,USD,,",
                "htp," + HTP_FULL + ",42.00,ACTIVE,USD,htp-sandbox-user,",
                "htp," + HTP_BELOW_FEE + ",0.90,ACTIVE,USD,htp-sandbox-user,",
                "nueve09,9f4e4c3b-8a3b-4dbc-8d86-3c6b5abe0d01,300.00,active,MXN,," + NUEVE09_PAN,
                "plu," + PLU_CARD + ",80.00,ACTIVE,USD,,"));
        database = TestDatabase.newDatabase();
        sandbox = SandboxServer.start(SandboxOptions.defaults().withCards(cards));
        jdbc = database.jdbc();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    Path input(String... rows) throws IOException {
        List<String> lines = new ArrayList<>(List.of(HEADER));
        lines.addAll(List.of(rows));
        return Files.write(dir.resolve("input.csv"), lines);
    }

    CliRun run(Path input, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "jobs/per-diem-reclaim.yml", "--input", input.toString(), "--report",
                dir.resolve("report.csv").toString(), "--cardsweep.home=" + dir.resolve("home"), "--cardsweep.job.retry.initial-backoff=10ms"));
        args.addAll(List.of(database.asArguments()));
        args.addAll(Sandboxes.providerArguments(sandbox));
        args.addAll(List.of(extra));
        return CliRun.of(Cli::run, args);
    }

    Map<String, String> ledger(String columns) {
        return jdbc.query("SELECT instruction_id, " + columns + " FROM withdrawal ORDER BY source_line",
                (java.sql.ResultSet rs) -> {
                    Map<String, String> rows = new java.util.LinkedHashMap<>();
                    while (rs.next()) {
                        rows.put(rs.getString(1), rs.getString(2));
                    }
                    return rows;
                });
    }

    Map<String, BigDecimal> executedByCard() {
        return sandbox.executedWithdrawals().stream()
                .collect(Collectors.toMap(ExecutedWithdrawal::cardId, ExecutedWithdrawal::amount, BigDecimal::add));
    }

    @Test
    void withdrawsWhatEachCardsBalanceAllowsAndNothingFromACardBelowTheProvidersMinimum() throws IOException {
        // given a sweep of whole balances, written as ALL or left empty, beside one instruction with its own amount
        Path input = input(
                "S-1,cartevo," + CARTEVO_FULL + ",ALL,USD,sweep,,,,",
                "S-2,cartevo," + CARTEVO_CRUMBS + ",,USD,sweep,,,,",
                "S-3,cartevo," + CARTEVO_GIVEN + ",10.00,USD,sweep,,,,",
                "S-4,uncash," + UNCASH_RICH + ",all,USD,sweep,,,,",
                "S-5,htp," + HTP_FULL + ",ALL,USD,sweep," + WALLET + ",,",
                "S-6,htp," + HTP_BELOW_FEE + ",ALL,USD,sweep," + WALLET + ",,",
                "S-7,nueve09," + NUEVE09_PAN + ",ALL,MXN,sweep,,,,",
                "S-8,plu," + PLU_CARD + ",ALL,USD,sweep,,,,");

        // when the job sweeps whole balances
        CliRun run = run(input, "--cardsweep.job.full-balance=true");

        // then each card gave what one withdrawal of its provider may take: all of it, or Uncash's maximum, never more
        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(executedByCard()).containsOnlyKeys(CARTEVO_FULL, CARTEVO_GIVEN, UNCASH_RICH, HTP_FULL, "9f4e4c3b-8a3b-4dbc-8d86-3c6b5abe0d01")
                .containsEntry(CARTEVO_FULL, new BigDecimal("250.00"))
                .containsEntry(CARTEVO_GIVEN, new BigDecimal("10.00"))
                .containsEntry(UNCASH_RICH, new BigDecimal("10000.00"))
                .containsEntry(HTP_FULL, new BigDecimal("42.00"))
                .containsEntry("9f4e4c3b-8a3b-4dbc-8d86-3c6b5abe0d01", new BigDecimal("300.00"));
        assertThat(ledger("status || ' ' || coalesce(amount::text, '-') || ' ' || coalesce(balance_before::text, '-')"))
                .containsEntry("S-1", "SUCCEEDED 250.00 250.00")
                .containsEntry("S-2", "NOTHING_TO_RECLAIM - 0.80")
                .containsEntry("S-3", "SUCCEEDED 10.00 40.00")
                .containsEntry("S-4", "SUCCEEDED 10000.00 12345.67")
                .containsEntry("S-5", "SUCCEEDED 42.00 42.00")
                .containsEntry("S-6", "NOTHING_TO_RECLAIM - 0.90")
                .containsEntry("S-7", "SUCCEEDED 300.00 300.00");
        // and a Plu card, whose balance cannot be read, is refused before anything is sent: Plu is swept by termination
        assertThat(ledger("status || ' ' || reason_code")).containsEntry("S-8", "REJECTED FULL_BALANCE_UNREADABLE");
        assertThat(ledger("reason").get("S-2")).isEqualTo("not sent: the card's balance, 0.80 USD, is below what one cartevo withdrawal may take"
                + " (the minimum of 1.00)");
        assertThat(ledger("reason").get("S-6")).contains("0.90 USD").contains("more than the fee of 1.00");
        // and the report shows the amount withdrawn, or ALL where nothing was
        String report = Files.readString(dir.resolve("report.csv"));
        assertThat(report).contains("S-1,cartevo,").contains(",250.00,SUCCEEDED,").contains(",ALL,NOTHING_TO_RECLAIM,");
        assertThat(run.out()).contains("NOTHING_TO_RECLAIM");
        // and no card number is shown anywhere
        assertThat(report).doesNotContain(NUEVE09_PAN);
        assertThat(run.out() + run.err()).doesNotContain(NUEVE09_PAN);

        // when the same command runs again, nothing more is withdrawn
        CliRun again = run(input, "--cardsweep.job.full-balance=true");
        assertThat(again.exit()).as(again.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(sandbox.executedWithdrawals()).hasSize(5);
    }

    @Test
    void aJobThatDoesNotSweepWholeBalancesRefusesInstructionsWithoutAnAmount() throws IOException {
        // given the per-diem job, which moves given amounts only
        Path input = input(
                "P-1,cartevo," + CARTEVO_FULL + ",ALL,USD,reclaim,,,,",
                "P-2,cartevo," + CARTEVO_GIVEN + ",,USD,reclaim,,,,");

        // when it runs
        CliRun run = run(input);

        // then neither is sent, each refused with the line, the column and the rule
        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(sandbox.executedWithdrawals()).isEmpty();
        assertThat(ledger("status || ' ' || reason_code || ': ' || reason"))
                .containsEntry("P-1", "REJECTED FULL_BALANCE_NOT_ALLOWED: line 2: amount 'ALL' (the card's whole balance) is not allowed by this job"
                        + " (full-balance: false)")
                .containsEntry("P-2", "REJECTED MISSING_VALUE: line 3: amount is missing");
    }

    @Test
    void aSweepThatTerminatesClosesEachCardOnceAfterItsWithdrawalAndPluCardsByTheirTerminationAlone() throws IOException {
        // given a sweep of whole balances whose cards are then terminated, Uncash's cooldown scaled down to seconds
        sandbox.close();
        sandbox = SandboxServer.start(SandboxOptions.defaults().withCards(dir.resolve("cards.csv")).withUncashCooldown(java.time.Duration.ofSeconds(2)));
        Path input = input(
                "S-1,cartevo," + CARTEVO_FULL + ",ALL,USD,sweep,,,,",
                "S-2,cartevo," + CARTEVO_CRUMBS + ",ALL,USD,sweep,,,,",
                "S-4,uncash," + UNCASH_RICH + ",ALL,USD,sweep,,,,",
                "S-5,htp," + HTP_FULL + ",ALL,USD,sweep," + WALLET + ",,",
                "S-7,nueve09," + NUEVE09_PAN + ",ALL,MXN,sweep,,,,",
                "S-8,plu," + PLU_CARD + ",ALL,USD,sweep,,,,");
        String[] sweep = {"--cardsweep.job.full-balance=true", "--cardsweep.job.terminate=true", "--cardsweep.providers.uncash.cooldown=3s"};

        // when it runs
        CliRun run = run(input, sweep);

        // then every card but HTP's (no termination endpoint) is terminated once, after its withdrawal
        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(sandbox.executedTerminations()).extracting(t -> t.provider() + " " + t.cardId() + " " + t.refunded().toPlainString())
                .containsExactlyInAnyOrder("cartevo " + CARTEVO_FULL + " 0.00", "cartevo " + CARTEVO_CRUMBS + " 0.80",
                        "uncash " + UNCASH_RICH + " 2345.67", "nueve09 9f4e4c3b-8a3b-4dbc-8d86-3c6b5abe0d01 0.00", "plu " + PLU_CARD + " 80.00");
        assertThat(ledger("status || ' ' || termination || ' ' || coalesce(termination_refunded::text, '-')"))
                .containsEntry("S-1", "SUCCEEDED TERMINATED 0.00")
                .containsEntry("S-2", "NOTHING_TO_RECLAIM TERMINATED 0.80")
                // Uncash withdrew its maximum, 10,000, and paid the rest out as it closed the card: every cent accounted for
                .containsEntry("S-4", "SUCCEEDED TERMINATED 2345.67")
                .containsEntry("S-5", "SUCCEEDED SKIPPED -")
                .containsEntry("S-7", "SUCCEEDED TERMINATED -")
                .containsEntry("S-8", "BY_TERMINATION TERMINATED -");
        assertThat(ledger("termination_reason").get("S-5")).isEqualTo("not sent: htp documents no way to terminate a card");
        // and Uncash's close came after the cooldown its withdrawal started (whether the terminate step had to wait for it
        // or got there later anyway), and the sandbox saw no attempt inside a cooldown
        java.time.Instant withdrawnAt = sandbox.executedWithdrawals().stream().filter(w -> w.cardId().equals(UNCASH_RICH))
                .map(ExecutedWithdrawal::executedAt).findFirst().orElseThrow();
        java.time.Instant closedAt = sandbox.executedTerminations().stream().filter(t -> t.cardId().equals(UNCASH_RICH))
                .map(io.cardsweep.sandbox.ExecutedTermination::executedAt).findFirst().orElseThrow();
        assertThat(java.time.Duration.between(withdrawnAt, closedAt)).isGreaterThanOrEqualTo(java.time.Duration.ofSeconds(2));
        assertThat(sandbox.stats().get("uncash").violations()).isEmpty();
        assertThat(run.out()).contains("terminated").contains("TERMINATED");
        assertThat(Files.readString(dir.resolve("report.csv"))).contains(",TERMINATED,");

        // when the same command runs again, nothing is withdrawn or terminated twice
        CliRun again = run(input, sweep);
        assertThat(again.exit()).as(again.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(sandbox.executedWithdrawals()).hasSize(4);
        assertThat(sandbox.executedTerminations()).hasSize(5);
    }

    @Test
    void anOperatorSettlesATerminationInDoubtAndOneFoundNotMadeIsSentByTheNextRunWithoutClosingACardTwice() throws IOException {
        // given a sweep whose two Cartevo terminations both executed, but whose answers were lost (as after a read timeout)
        Path input = input(
                "S-1,cartevo," + CARTEVO_FULL + ",ALL,USD,sweep,,,,",
                "S-3,cartevo," + CARTEVO_GIVEN + ",15.00,USD,sweep,,,,");
        String[] sweep = {"--cardsweep.job.full-balance=true", "--cardsweep.job.terminate=true"};
        CliRun first = run(input, concat(sweep, "--run-date", "2026-11-21"));
        assertThat(first.exit()).as(first.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(sandbox.executedTerminations()).hasSize(2);
        jdbc.update("UPDATE withdrawal SET termination = 'UNKNOWN', termination_code = 'READ_TIMEOUT', termination_refunded = NULL");

        // when the operator finds one card closed, with what Cartevo refunded, and takes the other for open
        CliRun closed = resolve("S-1", "--as", "terminated", "--refunded", "0.00", "--note", "Cartevo dashboard: card terminated");
        CliRun open = resolve("S-3", "--as", "not-terminated", "--note", "Cartevo dashboard showed it active");

        // then each is settled with the note, as an event of the termination
        assertThat(closed.exit()).as(closed.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(closed.out()).contains("card termination UNKNOWN → TERMINATED");
        assertThat(open.exit()).as(open.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(open.out()).contains("UNKNOWN → PENDING").contains("The next run of the job sends the termination");
        assertThat(ledger("termination || ' ' || termination_code || ' ' || coalesce(termination_refunded::text, '-')"))
                .containsEntry("S-1", "TERMINATED RESOLVED_BY_OPERATOR 0.00")
                .containsEntry("S-3", "PENDING RESOLVED_BY_OPERATOR -");
        assertThat(jdbc.queryForList("SELECT w.instruction_id || ' ' || e.from_status || '>' || e.to_status || ' ' || e.detail"
                + " FROM withdrawal_event e JOIN withdrawal w ON w.id = e.withdrawal_id WHERE e.subject = 'termination'"
                + " AND e.reason_code = 'RESOLVED_BY_OPERATOR' ORDER BY e.id", String.class)).containsExactly(
                "S-1 UNKNOWN>TERMINATED resolved by an operator: Cartevo dashboard: card terminated",
                "S-3 UNKNOWN>PENDING resolved by an operator: Cartevo dashboard showed it active; the next run of the job sends the termination");

        // and a termination no longer in doubt is not settled again
        CliRun twice = resolve("S-1", "--as", "not-terminated", "--note", "changed my mind");
        assertThat(twice.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(twice.err()).contains("is TERMINATED, not UNKNOWN");

        // when the next night's run of the job comes, it sends the termination found not made: Cartevo, which had closed
        // the card after all, says so, and no card is closed twice
        CliRun next = run(input, concat(sweep, "--run-date", "2026-11-22"));
        assertThat(next.exit()).as(next.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(jdbc.queryForList("SELECT status || ' ' || coalesce(termination, '-') FROM withdrawal WHERE instruction_id = 'S-3' ORDER BY id",
                String.class)).containsExactly("SUCCEEDED ALREADY_TERMINATED", "DUPLICATE -");
        assertThat(sandbox.executedTerminations()).hasSize(2);
        assertThat(sandbox.executedWithdrawals()).hasSize(2);
    }

    CliRun resolve(String instruction, String... options) {
        List<String> args = new ArrayList<>(List.of("resolve", "jobs/per-diem-reclaim.yml", instruction));
        args.addAll(List.of(options));
        args.add("--cardsweep.home=" + dir.resolve("home"));
        args.addAll(List.of(database.asArguments()));
        return CliRun.of(Cli::run, args);
    }

    static String[] concat(String[] first, String... then) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(first), java.util.Arrays.stream(then)).toArray(String[]::new);
    }
}
