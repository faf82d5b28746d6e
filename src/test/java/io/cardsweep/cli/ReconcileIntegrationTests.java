package io.cardsweep.cli;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.opencsv.CSVReader;
import io.cardsweep.provider.ProviderName;
import io.cardsweep.sandbox.ExecutedWithdrawal;
import io.cardsweep.sandbox.FaultPlan;
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
 * Reconciliation end to end through the command line: a run against a sandbox that drops every withdrawal's answer
 * (half of them after executing) leaves them in doubt; reconciliation settles them from the providers' own records —
 * HTP's status lookup, Plu's webhook export, the card balances of Cartevo, Uncash and Nueve09 as proposals — and once an operator
 * has accepted the proposals the ledger equals what the sandbox executed, provider by provider.
 */
class ReconcileIntegrationTests {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static final Pattern RESOLVE = Pattern.compile("\\./cardsweep resolve (\\S+) (\\S+) --as (\\w+) --note \"(.*)\"");

    @TempDir
    Path dir;

    TestDatabase.Coordinates database;
    SandboxServer sandbox;
    JdbcTemplate jdbc;

    @BeforeEach
    void start() {
        database = TestDatabase.newDatabase();
        SandboxOptions options = SandboxOptions.defaults().withCards(Path.of("sample-input/sandbox-cards.csv"))
                .withHtpSettleDelay(Duration.ZERO).withFaultSeed(2026);
        for (ProviderName provider : ProviderName.values()) {
            options = options.withFaults(provider, FaultPlan.parse("drop-before=0.5,drop-after=0.5"));
        }
        sandbox = SandboxServer.start(options);
        jdbc = database.jdbc();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void settlesWithdrawalsInDoubtFromTheProvidersRecordsAndTheLedgerThenEqualsWhatTheProvidersExecuted() throws Exception {
        // given a run whose every withdrawal lost its answer, half of them after the provider executed it
        CliRun run = cli("run", "jobs/per-diem-reclaim.yml", "--input", input().toString(), "--report", dir.resolve("report.csv").toString(),
                "--cardsweep.job.retry.initial-backoff=10ms");
        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.NEEDS_ATTENTION);
        assertThat(jdbc.queryForList("SELECT DISTINCT provider FROM withdrawal WHERE status = 'UNKNOWN' ORDER BY 1", String.class))
                .containsExactly("cartevo", "htp", "nueve09", "plu", "uncash");
        // and one of them left IN_FLIGHT, as a killed run leaves it
        long orphan = jdbc.queryForObject("SELECT min(id) FROM withdrawal WHERE status = 'UNKNOWN' AND provider = 'htp'", Long.class);
        jdbc.update("UPDATE withdrawal SET status = 'IN_FLIGHT' WHERE id = ?", orphan);
        // and the providers reachable again, and Plu's webhook events exported (with a line that is not an event)
        faults("{}");
        Path events = dir.resolve("plu-events.jsonl");
        Files.writeString(events, get("/_sandbox/plu/webhook-events"), StandardCharsets.UTF_8);
        exportedAMinuteLater(events);

        // when the withdrawals in doubt are reconciled
        CliRun reconcile = cli("reconcile", "jobs/reconcile.yml", "--plu-events", events.toString(), "--report",
                dir.resolve("reconcile.csv").toString());

        // then the orphan was taken for UNKNOWN, and what only an operator may settle proposed
        assertThat(reconcile.exit()).as(reconcile.toString()).isEqualTo(ExitCodes.NEEDS_ATTENTION);
        assertThat(reconcile.out()).doesNotContain("left —");
        assertThat(reconcile.out()).contains("1 withdrawal(s) left IN_FLIGHT by a run that is gone are now UNKNOWN");
        assertThat(status(orphan)).isNotEqualTo("IN_FLIGHT");
        List<String[]> report = report(dir.resolve("reconcile.csv"));
        assertThat(report).extracting(line -> line[2]).contains("cartevo", "htp", "nueve09", "plu", "uncash");
        // HTP and Plu settled by their records: every one the sandbox executed is SUCCEEDED with the provider's transaction id
        for (String provider : List.of("htp", "plu")) {
            assertThat(succeededTransactions(provider)).as(provider).isEqualTo(executedTransactions(provider));
            assertThat(jdbc.queryForObject("SELECT count(*) FROM withdrawal WHERE provider = ? AND status = 'UNKNOWN'"
                    + " AND reason_code NOT IN ('WEBHOOK_EVENT', 'STATUS_LOOKUP')", Integer.class, provider))
                    .as("in doubt at %s: only those the provider did not execute, proposed as FAILED", provider)
                    .isEqualTo(proposals(report, provider, "FAILED"));
        }
        // Plu's fee and net amount filled from its events
        assertThat(jdbc.queryForList("SELECT fee::text || ' ' || (amount - net_amount)::text FROM withdrawal"
                + " WHERE provider = 'plu' AND status = 'SUCCEEDED'", String.class)).isNotEmpty().containsOnly("0.50 0.50");
        // Cartevo, Uncash and Nueve09 (cards given by number too) only proposed, each proposal right about what the sandbox executed
        for (String provider : List.of("cartevo", "uncash", "nueve09")) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM withdrawal WHERE provider = ? AND status = 'SUCCEEDED'", Integer.class,
                    provider)).as(provider + " is settled by an operator, not by reconciliation").isZero();
            assertThat(proposals(report, provider, "SUCCEEDED")).isEqualTo(executedTransactions(provider).size());
        }
        // nothing ever shows a whole card id
        String text = Files.readString(dir.resolve("reconcile.csv"));
        jdbc.queryForList("SELECT card_id FROM withdrawal WHERE provider IN ('cartevo', 'uncash', 'htp')", String.class)
                .forEach(card -> assertThat(text).doesNotContain(card));
        jdbc.queryForList("SELECT coalesce(sealed_card_number, card_hash) FROM withdrawal WHERE card_hash IS NOT NULL", String.class)
                .forEach(secret -> assertThat(text).doesNotContain(secret));
        // nor a card number: the seeded ones by name (a provider's transaction id may hold a long run of digits)
        Files.readAllLines(Path.of("sample-input/sandbox-cards.csv")).stream().map(line -> line.substring(line.lastIndexOf(',') + 1))
                .filter(pan -> pan.matches("\\d{16}")).forEach(pan -> assertThat(text).doesNotContain(pan));

        // when an operator accepts two proposals with the commands the report gives for them, and then all the others at once
        List<String[]> proposed = report.stream().filter(line -> line[6].equals("PROPOSED")).toList();
        for (String[] line : proposed.subList(0, 2)) {
            Matcher command = RESOLVE.matcher(line[9]);
            assertThat(command.matches()).as(line[9]).isTrue();
            CliRun resolved = cli("resolve", command.group(1), command.group(2), "--as", command.group(3), "--note", command.group(4));
            assertThat(resolved.exit()).as(resolved.toString()).isEqualTo(ExitCodes.COMPLETED);
        }
        CliRun accepted = cli("resolve", "--accept", dir.resolve("reconcile.csv").toString(), "--note", "checked the balances");
        assertThat(accepted.exit()).as(accepted.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(accepted.out()).contains("Accepted " + (proposed.size() - 2) + " of " + proposed.size() + " proposal(s)")
                .contains("Not in doubt any more, left as they are: per-diem-reclaim " + proposed.get(0)[1] + " (");
        assertThat(jdbc.queryForObject("SELECT reason FROM withdrawal WHERE instruction_id = ?", String.class, proposed.get(2)[1]))
                .isEqualTo("resolved by an operator: checked the balances (" + proposed.get(2)[8] + ")");

        // then, provider by provider, the ledger's SUCCEEDED withdrawals are what the sandbox executed, to the cent
        for (String provider : List.of("plu", "cartevo", "uncash", "htp", "nueve09")) {
            assertThat(ledgerSum(provider)).as(provider).isEqualByComparingTo(executedSum(provider));
            assertThat(jdbc.queryForObject("SELECT count(*) FROM withdrawal WHERE provider = ? AND status = 'SUCCEEDED'", Integer.class, provider))
                    .as(provider).isEqualTo(executedTransactions(provider).size());
            assertThat(jdbc.queryForObject("SELECT count(*) FROM withdrawal WHERE provider = ? AND status IN ('UNKNOWN', 'IN_FLIGHT')",
                    Integer.class, provider)).as(provider).isZero();
        }
        // and every settlement is an event with its evidence
        assertThat(jdbc.queryForList("SELECT DISTINCT e.from_status || '>' || e.to_status || ' ' || e.reason_code FROM withdrawal_event e"
                + " WHERE e.from_status = 'UNKNOWN'", String.class)).contains("UNKNOWN>SUCCEEDED STATUS_LOOKUP", "UNKNOWN>SUCCEEDED WEBHOOK_EVENT",
                "UNKNOWN>SUCCEEDED RESOLVED_BY_OPERATOR", "UNKNOWN>FAILED RESOLVED_BY_OPERATOR");

        // when reconciled again, nothing is settled twice
        CliRun again = cli("reconcile", "jobs/reconcile.yml", "--plu-events", events.toString(), "--report", dir.resolve("again.csv").toString());
        assertThat(again.exit()).as(again.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(again.out()).contains("Nothing was in doubt.");
        assertThat(report(dir.resolve("again.csv"))).isEmpty();
    }

    @Test
    void neverTakesTheCardsLatestHtpWithdrawalForOneThatNeverReachedHtp() throws Exception {
        // given a withdrawal from an HTP card that succeeded, then one more from the same card lost before it reached HTP
        faults("{}");
        String card = "001edc8e-367e-4d6d-bd74-10696bb6a3de";
        CliRun first = cli("run", "jobs/per-diem-reclaim.yml", "--input", htpInput("first.csv", "HTP-1", card).toString(),
                "--report", dir.resolve("first-report.csv").toString());
        assertThat(first.exit()).as(first.toString()).isEqualTo(ExitCodes.COMPLETED);
        faults("{\"htp\": \"drop-before=1\"}");
        CliRun second = cli("run", "jobs/per-diem-reclaim.yml", "--input", htpInput("second.csv", "HTP-2", card).toString(),
                "--report", dir.resolve("second-report.csv").toString());
        assertThat(second.exit()).as(second.toString()).isEqualTo(ExitCodes.NEEDS_ATTENTION);
        faults("{}");

        // when reconciled: HTP's lookup reports the card's latest withdrawal, the first one, as SUCCESS
        CliRun reconcile = cli("reconcile", "jobs/reconcile.yml", "--report", dir.resolve("reconcile.csv").toString());

        // then the second is not taken for it: only proposed as never having reached HTP, naming the first
        assertThat(reconcile.exit()).as(reconcile.toString()).isEqualTo(ExitCodes.NEEDS_ATTENTION);
        assertThat(jdbc.queryForObject("SELECT status FROM withdrawal WHERE instruction_id = 'HTP-2'", String.class)).isEqualTo("UNKNOWN");
        assertThat(report(dir.resolve("reconcile.csv"))).singleElement().satisfies(line -> {
            assertThat(line[1] + " " + line[6] + " " + line[7]).isEqualTo("HTP-2 PROPOSED FAILED");
            assertThat(line[8]).contains("instruction HTP-1's, sent before this one: this one never reached HTP");
        });
        assertThat(executed("htp")).hasSize(1);
    }

    @Test
    void proposesNothingFromAPluExportItCouldNotReadWhole() throws Exception {
        // given Plu withdrawals lost before Plu executed them, and an export with a line that cannot be read
        faults("{\"plu\": \"drop-before=1\"}");
        CliRun run = cli("run", "jobs/per-diem-reclaim.yml", "--input", input().toString(), "--report", dir.resolve("report.csv").toString());
        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.NEEDS_ATTENTION);
        faults("{}");
        Path events = dir.resolve("plu-events.jsonl");
        Files.writeString(events, "{\"event\":\"card.created\",\"data\":{\"serviceCardId\":\"acme-card-1\"}}\nthis line is not JSON\n",
                StandardCharsets.UTF_8);
        exportedAMinuteLater(events);

        // when
        CliRun reconcile = cli("reconcile", "jobs/reconcile.yml", "--plu-events", events.toString(), "--report",
                dir.resolve("reconcile.csv").toString());

        // then the unreadable line is reported, and none of them is proposed as not executed on the strength of that file
        assertThat(reconcile.out()).contains("Plu events file, line 2: not a JSON object");
        assertThat(report(dir.resolve("reconcile.csv")).stream().filter(line -> line[2].equals("plu"))).isNotEmpty()
                .allSatisfy(line -> assertThat(line[6] + " " + line[8]).startsWith("LEFT").contains("lines that could not be read"));
    }

    @Test
    void saysWhenNothingIsInDoubt() {
        faults("{}");
        CliRun run = cli("run", "jobs/per-diem-reclaim.yml", "--input", input().toString(), "--report", dir.resolve("report.csv").toString());
        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.COMPLETED);

        CliRun reconcile = cli("reconcile", "jobs/reconcile.yml", "--report", dir.resolve("reconcile.csv").toString());

        assertThat(reconcile.exit()).as(reconcile.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(reconcile.out()).contains("Nothing was in doubt.");
    }

    @Test
    void refusesAMissingEventsFileBeforeStarting() {
        CliRun reconcile = cli("reconcile", "jobs/reconcile.yml", "--plu-events", dir.resolve("missing.jsonl").toString());

        assertThat(reconcile.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(reconcile.err()).contains("Plu events file").contains("does not exist");
    }

    /** The sample input without its second withdrawal from one Cartevo card, so that every card has one withdrawal at most. */
    Path input() {
        try {
            Set<String> cards = new HashSet<>();
            List<String> lines = Files.readAllLines(ReclaimRunIntegrationTests.SAMPLE).stream().filter(line -> {
                String[] fields = line.split(",");
                return fields.length < 3 || fields[2].isBlank() || cards.add(fields[1] + fields[2]);
            }).toList();
            Path input = dir.resolve("input.csv");
            Files.write(input, lines);
            return input;
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    Path htpInput(String name, String instruction, String card) throws java.io.IOException {
        Path input = dir.resolve(name);
        Files.writeString(input, "instruction_id,provider,card_id,amount,currency,reference,wallet_address,network,latitude,longitude\n"
                + instruction + ",htp," + card + ",20.00,USD,Per diem reclaim," + "TVbQp3zppn9sNP6kXz5xwTs2xYd1gjRRe1,TRC20,,\n");
        return input;
    }

    /** Webhooks arrive after the withdrawals they tell of: the export is taken a while after the run. */
    static void exportedAMinuteLater(Path export) throws java.io.IOException {
        Files.setLastModifiedTime(export, java.nio.file.attribute.FileTime.from(java.time.Instant.now().plusSeconds(60)));
    }

    CliRun cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--cardsweep.home=" + dir.resolve("home"));
        all.addAll(List.of(database.asArguments()));
        if (!args[0].equals("resolve")) {
            all.addAll(Sandboxes.providerArguments(sandbox));
        }
        return CliRun.of(Cli::run, all);
    }

    String status(long id) {
        return jdbc.queryForObject("SELECT status FROM withdrawal WHERE id = ?", String.class, id);
    }

    Set<String> succeededTransactions(String provider) {
        return new HashSet<>(jdbc.queryForList("SELECT provider_transaction_id FROM withdrawal WHERE provider = ? AND status = 'SUCCEEDED'",
                String.class, provider));
    }

    Set<String> executedTransactions(String provider) {
        return executed(provider).stream().map(ExecutedWithdrawal::transactionId).collect(Collectors.toSet());
    }

    BigDecimal executedSum(String provider) {
        return executed(provider).stream().map(ExecutedWithdrawal::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    BigDecimal ledgerSum(String provider) {
        BigDecimal sum = jdbc.queryForObject("SELECT sum(amount) FROM withdrawal WHERE provider = ? AND status = 'SUCCEEDED'", BigDecimal.class,
                provider);
        return sum == null ? BigDecimal.ZERO : sum;
    }

    List<ExecutedWithdrawal> executed(String provider) {
        return sandbox.executedWithdrawals().stream().filter(w -> w.provider().equals(provider)).toList();
    }

    static long proposals(List<String[]> report, String provider, String as) {
        return report.stream().filter(line -> line[2].equals(provider) && line[6].equals("PROPOSED") && line[7].equals(as)).count();
    }

    static List<String[]> report(Path file) throws Exception {
        try (CSVReader csv = new CSVReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            List<String[]> lines = csv.readAll();
            assertThat(lines.get(0)[0]).isEqualTo("\uFEFFjob");
            return lines.subList(1, lines.size());
        }
    }

    void faults(String json) {
        send(HttpRequest.newBuilder(uri("/_sandbox/faults")).POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    String get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + sandbox.port() + path);
    }

    private static String send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return response.body();
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

}
