package io.cardsweep.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import io.cardsweep.sandbox.SandboxCredentials;
import io.cardsweep.sandbox.SandboxOptions;
import io.cardsweep.sandbox.SandboxServer;
import io.cardsweep.support.CliRun;
import io.cardsweep.support.PropertyArguments;
import io.cardsweep.support.Sandboxes;
import io.cardsweep.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real run through the command line, in this JVM (real PostgreSQL, the sandbox on a socket), pushing its metrics to a
 * Pushgateway played by an HTTP server of the test's own: what arrives is held against the ledger.
 */
class MetricsPushIntegrationTests {

    /** Rows of the sample per-diem file: successes at four providers, a decline at three, a rejected row, and a second withdrawal
     *  from one Uncash card, which its cooldown defers. One Nueve09 card is given by its number. */
    static final String INPUT = """
            instruction_id,provider,card_id,amount,currency,reference,wallet_address,network,latitude,longitude
            PD-2026-11-0001,cartevo,6513270e-269e-4d37-b2a7-4de452e6b438,111.75,USD,"Per diem reclaim, trip 1000",,,,
            PD-2026-11-0002,cartevo,d23f0824-128b-4f33-8c5c-7fd0a6a3a450,133.25,USD,"Per diem reclaim, trip 1001",,,,
            PD-2026-11-0009,cartevo,0fd630f1-f29d-4da9-953f-48f1a09f76b5,70.75,USD,"Per diem reclaim, trip 1008",,,,
            PD-2026-11-0011,uncash,92276658-1e27-41c0-8a6a-63ec24ede6a4,30.50,USD,Per diem reclaim trip 2000,,,,
            PD-2026-11-0050,uncash,92276658-1e27-41c0-8a6a-63ec24ede6a4,12.25,USD,Per diem reclaim trip 2000 again,,,,
            PD-2026-11-0019,uncash,3f98e277-4cbd-47ad-9c90-a9587403e430,49.50,USD,Per diem reclaim trip 2008,,,,
            PD-2026-11-0023,visa,3bbbe9ea-a894-4c89-bb61-867626bb7dbd,25.00,USD,unknown provider,,,,
            PD-2026-11-0025,plu,acme-card-3437nm75mg3ujf9,59.00,USD,Per diem reclaim trip 3000,,,,
            PD-2026-11-0029,plu,hooli-card-z01enswfuwa1hiq,29.00,USD,Per diem reclaim trip 3004,,,,
            PD-2026-11-0036,nueve09,5512559729792627,289.00,MXN,Viaticos 5001,,,,
            """;

    static final String CARD_NUMBER = "5512559729792627";

    @TempDir
    Path dir;

    TestDatabase.Coordinates database;
    SandboxServer sandbox;
    JdbcTemplate jdbc;
    HttpServer pushgateway;
    final List<Push> pushes = new CopyOnWriteArrayList<>();
    Path input;

    record Push(String method, String path, String contentType, String body) {
    }

    @BeforeEach
    void start() throws IOException {
        database = TestDatabase.newDatabase();
        sandbox = SandboxServer.start(SandboxOptions.defaults().withCards(Path.of("sample-input/sandbox-cards.csv")));
        jdbc = database.jdbc();
        pushgateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pushgateway.createContext("/", exchange -> {
            pushes.add(new Push(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        pushgateway.start();
        input = Files.writeString(dir.resolve("per-diem.csv"), INPUT);
    }

    @AfterEach
    void stop() {
        pushgateway.stop(0);
        sandbox.close();
    }

    CliRun run(TestDatabase.Coordinates on, SandboxServer against, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "jobs/per-diem-reclaim.yml", "--input", input.toString(), "--report",
                dir.resolve("report-" + on.url().hashCode() + ".csv").toString(), "--max-wait", "1s"));
        args.addAll(PropertyArguments.merged(List.of("--cardsweep.home=" + dir.resolve("home"), "--cardsweep.job.retry.initial-backoff=10ms"),
                List.of(on.asArguments()), Sandboxes.providerArguments(against), List.of(extra)));
        return CliRun.of(Cli::run, args);
    }

    String pushgatewayUrl() {
        return "--cardsweep.metrics.pushgateway.url=http://127.0.0.1:" + pushgateway.getAddress().getPort();
    }

    @Test
    void pushesOnceWhenTheRunEndsWithCountsAndSumsEqualToTheLedgers() {
        // when
        CliRun run = run(database, sandbox, pushgatewayUrl());

        // then one push, replacing the job's group, in Prometheus's text format
        assertThat(pushes).as(run.toString()).hasSize(1);
        Push push = pushes.get(0);
        assertThat(push.method()).isEqualTo("PUT");
        assertThat(push.path()).isEqualTo("/metrics/job/per-diem-reclaim");
        assertThat(push.contentType()).startsWith("text/plain");
        Samples pushed = Samples.parse(push.body());

        // the outcomes and their sums are the ledger's, series for series
        Map<String, Long> ledgerCounts = new TreeMap<>();
        Map<String, BigDecimal> ledgerSums = new TreeMap<>();
        jdbc.query("""
                SELECT CASE WHEN provider IN ('plu', 'cartevo', 'uncash', 'htp', 'nueve09') THEN provider ELSE 'invalid' END, lower(status),
                       currency, count(*), sum(amount) FROM withdrawal WHERE status <> 'DEFERRED' GROUP BY 1, 2, 3""", rs -> {
            ledgerCounts.merge("{outcome=" + rs.getString(2) + ", provider=" + rs.getString(1) + "}", rs.getLong(4), Long::sum);
            if (rs.getBigDecimal(5) != null) {
                ledgerSums.put("{currency=" + rs.getString(3) + ", outcome=" + rs.getString(2) + ", provider=" + rs.getString(1) + "}",
                        rs.getBigDecimal(5));
            }
        });
        // (a withdrawal still DEFERRED has not ended: the gauge below has it, and it is counted in the state it ends in)
        assertThat(ledgerCounts).containsKeys("{outcome=declined, provider=cartevo}",
                "{outcome=rejected, provider=invalid}", "{outcome=succeeded, provider=nueve09}");
        assertThat(pushed.counts("cardsweep_withdrawals_total")).isEqualTo(ledgerCounts);
        assertThat(pushed.series("cardsweep_withdrawal_amount_total")).containsOnlyKeys(ledgerSums.keySet());
        ledgerSums.forEach((series, sum) -> assertThat(pushed.series("cardsweep_withdrawal_amount_total").get(series)).as(series)
                .isEqualByComparingTo(sum));

        // each withdrawal sent is one timed call, classed by its answer
        Map<String, BigDecimal> calls = pushed.series("cardsweep_provider_call_seconds_count");
        jdbc.query("SELECT provider, lower(status), count(*) FROM withdrawal WHERE status IN ('SUCCEEDED', 'DECLINED') GROUP BY 1, 2", rs -> {
            String series = "{answer=" + rs.getString(2) + ", operation=withdraw, provider=" + rs.getString(1) + "}";
            assertThat(calls.get(series)).as(series).isEqualByComparingTo(BigDecimal.valueOf(rs.getLong(3)));
        });
        assertThat(pushed.names()).contains("cardsweep_provider_call_seconds_bucket", "cardsweep_provider_call_seconds_sum");
        // and each row the execute step took waited for a turn under its provider's concurrency cap, once
        Map<String, BigDecimal> turns = pushed.series("cardsweep_throttle_wait_seconds_count");
        jdbc.query("SELECT provider, count(*) FROM withdrawal WHERE status NOT IN ('REJECTED', 'DUPLICATE') GROUP BY 1", rs -> {
            String series = "{limit=concurrency, provider=" + rs.getString(1) + "}";
            assertThat(turns.get(series)).as(series).isEqualByComparingTo(BigDecimal.valueOf(rs.getLong(2)));
            assertThat(turns.get("{limit=request_rate, provider=" + rs.getString(1) + "}")).isPositive();
        });

        // what is left for an operator, per provider, and how the run ended
        assertThat(pushed.value("cardsweep_withdrawals_deferred", "{provider=uncash}")).isEqualByComparingTo(ledgerCount("uncash", "DEFERRED"));
        assertThat(pushed.series("cardsweep_withdrawals_unknown")).hasSize(5)
                .allSatisfy((series, value) -> assertThat(value).as(series).isZero());
        assertThat(pushed.value("cardsweep_run_exit_code", "{}")).isEqualByComparingTo(BigDecimal.valueOf(run.exit()));
        assertThat(run.exit()).isEqualTo(ExitCodes.NEEDS_ATTENTION);
        OffsetDateTime ended = jdbc.queryForObject("SELECT end_time FROM batch_job_execution WHERE status = 'COMPLETED'", java.time.LocalDateTime.class)
                .atZone(ZoneId.systemDefault()).toOffsetDateTime();
        assertThat(pushed.value("cardsweep_run_last_success_timestamp_seconds", "{}")).isEqualByComparingTo(BigDecimal.valueOf(ended.toEpochSecond()));

        // Spring Batch's own metrics are there
        assertThat(pushed.series("spring_batch_job_seconds_count")).anySatisfy((series, value) -> {
            assertThat(series).contains("spring_batch_job_name=per-diem-reclaim").contains("spring_batch_job_status=COMPLETED");
            assertThat(value).isEqualByComparingTo(BigDecimal.ONE);
        });
        assertThat(pushed.series("spring_batch_step_seconds_count").keySet()).anySatisfy(series -> assertThat(series).contains("spring_batch_step_name=execute"));

        // and nothing that identifies a card, an instruction or a credential; cardsweep's series have bounded labels only
        assertThat(push.body()).doesNotContain(CARD_NUMBER).doesNotContain(CARD_NUMBER.substring(12)).doesNotContain("PD-2026")
                .doesNotContain("6513270e").doesNotContain("acme-card");
        assertThat(pushed.labelNames("cardsweep_")).containsOnly("provider", "outcome", "currency", "operation", "answer", "limit", "le");
        for (String secret : List.of(SandboxCredentials.PLU_API_KEY, SandboxCredentials.UNCASH_API_KEY, SandboxCredentials.CARTEVO_CLIENT_KEY,
                SandboxCredentials.NUEVE09_API_KEY, SandboxCredentials.NUEVE09_PASSWORD, SandboxCredentials.HTP_AGENT_SECRET,
                Sandboxes.TEST_CARD_HASH_KEY)) {
            assertThat(push.body()).doesNotContain(secret);
        }
    }

    @Test
    void aWithdrawalDeferredAndSentInTheSameRunIsCountedOnceAndTheJobsWithdrawalsInDoubtStayInTheGaugeNightAfterNight() {
        // given Uncash's cooldown scaled down to seconds, so the deferred step sends the card's second withdrawal in the run
        sandbox.close();
        sandbox = SandboxServer.start(SandboxOptions.defaults().withCards(Path.of("sample-input/sandbox-cards.csv"))
                .withUncashCooldown(java.time.Duration.ofSeconds(2)));
        List<String> args = new ArrayList<>(List.of("run", "jobs/per-diem-reclaim.yml", "--input", input.toString(), "--report",
                dir.resolve("report.csv").toString(), "--max-wait", "30s", "--run-date", "2026-11-20", pushgatewayUrl(),
                "--cardsweep.providers.uncash.cooldown=3s", "--cardsweep.home=" + dir.resolve("home"), "--cardsweep.job.retry.initial-backoff=10ms"));
        args.addAll(List.of(database.asArguments()));
        args.addAll(Sandboxes.providerArguments(sandbox));

        // when it runs
        CliRun run = CliRun.of(Cli::run, args);

        // then the withdrawal deferred, then sent, counts once, as what it ended in: one count per row of the ledger
        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(jdbc.queryForObject("SELECT status FROM withdrawal WHERE instruction_id = 'PD-2026-11-0050'", String.class)).isEqualTo("SUCCEEDED");
        Samples pushed = Samples.parse(pushes.get(0).body());
        Map<String, Long> ledgerCounts = new TreeMap<>();
        jdbc.query("""
                SELECT CASE WHEN provider IN ('plu', 'cartevo', 'uncash', 'htp', 'nueve09') THEN provider ELSE 'invalid' END, lower(status),
                       count(*) FROM withdrawal GROUP BY 1, 2""",
                rs -> { ledgerCounts.put("{outcome=" + rs.getString(2) + ", provider=" + rs.getString(1) + "}", rs.getLong(3)); });
        assertThat(pushed.counts("cardsweep_withdrawals_total")).isEqualTo(ledgerCounts);
        assertThat(pushed.counts("cardsweep_withdrawals_total").values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(INPUT.lines().count() - 1);

        // when one of its withdrawals is found in doubt (as after a lost answer), and the next night's run of the job pushes
        jdbc.update("UPDATE withdrawal SET status = 'UNKNOWN', reason_code = 'READ_TIMEOUT' WHERE instruction_id = 'PD-2026-11-0025'");
        args.set(args.indexOf("2026-11-20"), "2026-11-21");
        CliRun next = CliRun.of(Cli::run, args);

        // then the gauge still holds it: tonight's push replaces last night's, yet the doubt is the job's until it is settled
        assertThat(pushes).as(next.toString()).hasSize(2);
        Samples tonight = Samples.parse(pushes.get(1).body());
        assertThat(tonight.value("cardsweep_withdrawals_unknown", "{provider=plu}")).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(tonight.value("cardsweep_withdrawals_unknown", "{provider=cartevo}")).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void aRunThatFailsPushesItsExitCodeAndNoCompletion() {
        // when Plu refuses the key: a fatal condition, the run fails
        CliRun run = run(database, sandbox, pushgatewayUrl(), "--cardsweep.providers.plu.api-key=not-the-key");

        // then the push says so, and says no run of the job has completed
        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(pushes).hasSize(1);
        Samples pushed = Samples.parse(pushes.get(0).body());
        assertThat(pushed.value("cardsweep_run_exit_code", "{}")).isEqualByComparingTo(BigDecimal.valueOf(ExitCodes.FAILED));
        assertThat(pushed.names()).doesNotContain("cardsweep_run_last_success_timestamp_seconds");
        assertThat(pushes.get(0).body()).doesNotContain("not-the-key");
    }

    @Test
    void anUnreachablePushgatewayCostsOneWarningLineAndLeavesTheExitCodeAsItIs() throws IOException {
        // given the same run without a Pushgateway, on a ledger and a sandbox of its own
        CliRun without;
        try (SandboxServer other = SandboxServer.start(SandboxOptions.defaults().withCards(Path.of("sample-input/sandbox-cards.csv")))) {
            without = run(TestDatabase.newDatabase(), other);
        }
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        // when it pushes to a port nothing listens on
        CliRun unreachable = run(database, sandbox, "--cardsweep.metrics.pushgateway.url=http://127.0.0.1:" + closedPort);

        // then
        assertThat(unreachable.exit()).as(unreachable.toString()).isEqualTo(without.exit());
        assertThat(without.err().lines().filter(line -> line.contains("Pushgateway"))).isEmpty();
        assertThat(unreachable.err().lines().filter(line -> line.contains("Pushgateway")).toList()).as(unreachable.toString())
                .singleElement().satisfies(line -> assertThat(line).startsWith("Warning: the run's metrics were not pushed to the Pushgateway at http://127.0.0.1:" + closedPort)
                        .contains("ConnectException"));
        assertThat(unreachable.err().lines().filter(line -> !line.isBlank()).count()).isEqualTo(without.err().lines().filter(line -> !line.isBlank()).count() + 1);
    }

    BigDecimal ledgerCount(String provider, String status) {
        return BigDecimal.valueOf(jdbc.queryForObject("SELECT count(*) FROM withdrawal WHERE provider = ? AND status = ?", Long.class, provider, status));
    }

    /** The samples of a body in Prometheus's text format: name → labels (sorted, as {@code {a=1, b=2}}) → value. */
    record Samples(Map<String, Map<String, BigDecimal>> byName) {

        private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)$");
        private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

        static Samples parse(String body) {
            Map<String, Map<String, BigDecimal>> byName = new TreeMap<>();
            body.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
                Matcher sample = SAMPLE.matcher(line);
                assertThat(sample.matches()).as(line).isTrue();
                Map<String, String> labels = new TreeMap<>();
                if (sample.group(3) != null) {
                    Matcher label = LABEL.matcher(sample.group(3));
                    while (label.find()) {
                        labels.put(label.group(1), label.group(2));
                    }
                }
                String value = sample.group(4);
                if (!value.contains("Inf") && !value.contains("NaN")) {
                    byName.computeIfAbsent(sample.group(1), name -> new TreeMap<>()).put(labels.toString(), new BigDecimal(value));
                }
            });
            return new Samples(byName);
        }

        Map<String, BigDecimal> series(String name) {
            return byName.getOrDefault(name, Map.of());
        }

        BigDecimal value(String name, String labels) {
            BigDecimal value = series(name).get(labels);
            assertThat(value).as(name + labels + " in " + byName.keySet()).isNotNull();
            return value;
        }

        java.util.Set<String> names() {
            return byName.keySet();
        }

        /** The series of a counter, as whole numbers. */
        Map<String, Long> counts(String name) {
            Map<String, Long> counts = new TreeMap<>();
            series(name).forEach((labels, value) -> counts.put(labels, value.longValueExact()));
            return counts;
        }

        /** Every label name used by the series whose names start with {@code prefix}. */
        java.util.Set<String> labelNames(String prefix) {
            java.util.Set<String> names = new java.util.TreeSet<>();
            byName.forEach((name, series) -> {
                if (name.startsWith(prefix)) {
                    series.keySet().forEach(labels -> {
                        Matcher label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=").matcher(labels);
                        while (label.find()) {
                            names.add(label.group(1));
                        }
                    });
                }
            });
            return names;
        }
    }
}
