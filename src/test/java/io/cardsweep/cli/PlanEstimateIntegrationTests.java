package io.cardsweep.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cardsweep.sandbox.SandboxCredentials;
import io.cardsweep.sandbox.SandboxOptions;
import io.cardsweep.sandbox.SandboxServer;
import io.cardsweep.support.CliRun;
import io.cardsweep.support.Sandboxes;
import io.cardsweep.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The plan's estimate against the run it plans: the same input and settings, first planned, then run against the sandbox
 * on a socket, with the limits scaled down so that they, not the machine, decide the run's length. A per-diem file:
 * Uncash's cooldown of 3 s (3.5 s in the job, the margin a real run keeps) over cards with three instructions each, and
 * HTP's 120 requests a minute, status lookups included, holding the execute step long enough that Uncash's later waves
 * have to wait for it. A card-termination sweep from a table: whole balances everywhere, HTP's read before each under
 * its 120 a minute, and Uncash's closes held back 8 s (9 s in the job) after their withdrawals.
 */
class PlanEstimateIntegrationTests {

    static final Duration LATENCY = Duration.ofMillis(50);
    static final String TRC20 = "TVbQp3zppn9sNP6kXz5xwTs2xYd1gjRRe1";
    static final Pattern ESTIMATE = Pattern.compile("Estimated time: ([0-9.]+) s to execute");
    static final Pattern HTP_DONE = Pattern.compile("\n  htp: .* — done after ([0-9.]+) s");

    @TempDir
    Path dir;

    TestDatabase.Coordinates database;
    @Nullable SandboxServer sandbox;
    Path input;

    @BeforeEach
    void start() throws IOException {
        database = TestDatabase.newDatabase();
        input = input();
    }

    /** The sandbox with 50 ms a request, HTP at 120 requests a minute, and Uncash's cooldown as given. */
    SandboxServer sandbox(Duration uncashCooldown) throws IOException {
        sandbox = SandboxServer.start(SandboxOptions.defaults().withCards(cards()).withLatency(LATENCY).withUncashCooldown(uncashCooldown)
                .withHtpRequestsPerMinute(120));
        return sandbox;
    }

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void estimatesTheMakespanOfARunWhoseLimitsDecideItWithinTwentyPercent() throws IOException {
        // given
        SandboxServer sandbox = sandbox(Duration.ofSeconds(3));

        // when the input is planned, then run with the same settings
        CliRun plan = cli("plan", "--latency", "50ms");
        CliRun run = cli("run", "--report", dir.resolve("report.csv").toString(), "--max-wait=2m");

        // then the run sent everything, within the sandbox's limits
        assertThat(plan.exit()).as(plan.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(plan.out()).contains("uncash: 6 cards with 3 withdrawals each").contains("third wave after");
        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(sandbox.executedWithdrawals()).hasSize(42);
        assertThat(sandbox.stats().values()).allSatisfy(stats -> assertThat(stats.violationCount()).isZero());
        // and the estimate is within 20% of the time from the start of the execute step to the end of the deferred step
        double estimated = estimatedSeconds(plan.out());
        double actual = seconds("execute", "deferred");
        System.out.printf("plan estimate %.2f s, run makespan %.2f s (%+.1f%%); execute step %.2f s%n", estimated, actual,
                100 * (estimated - actual) / actual, seconds("execute", "execute"));
        assertThat(estimated).isCloseTo(actual, within(0.2 * actual));
    }

    @Test
    void estimatesTheMakespanOfACardTerminationSweepWithinTwentyPercent() throws IOException {
        // given the sweep's queue: whole balances of 5 Uncash, 4 HTP, 3 Cartevo and 3 Plu cards
        SandboxServer sandbox = sandbox(Duration.ofSeconds(8));
        queue();

        // when the sweep is planned, then run with the same settings
        CliRun plan = sweep("plan", "--latency", "50ms");
        CliRun run = sweep("run", "--report=" + dir.resolve("sweep.csv"));

        // then the run withdrew every balance it could read and terminated every card but HTP's, within the sandbox's limits
        assertThat(plan.exit()).as(plan.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(plan.out()).contains("  uncash: 5 cards closed after their cooldown — last close 9.2 s after its withdrawal",
                "a balance read before each whole balance; 13 requests at 120 a minute");
        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(sandbox.executedWithdrawals()).hasSize(12);
        assertThat(sandbox.executedTerminations()).hasSize(11);
        assertThat(sandbox.stats().values()).allSatisfy(stats -> assertThat(stats.violationCount()).isZero());
        // and the estimate is within 20% of the time from the start of the execute step to the end of the terminate step, and
        // HTP's part (its whole balances read first, against its budget) within 20% of the execute step it holds
        double estimated = estimatedSeconds(plan.out());
        double actual = seconds("execute", "terminate");
        double htp = htpDoneSeconds(plan.out());
        double execute = seconds("execute", "execute");
        System.out.printf("sweep: plan estimate %.2f s, run makespan %.2f s (%+.1f%%); HTP %.2f s, execute step %.2f s (%+.1f%%)%n", estimated,
                actual, 100 * (estimated - actual) / actual, htp, execute, 100 * (htp - execute) / execute);
        assertThat(estimated).isCloseTo(actual, within(0.2 * actual));
        assertThat(htp).isCloseTo(execute, within(0.2 * execute));
    }

    @Test
    void findsTheInstructionsAnEarlierRunLoadedWithoutWritingToTheLedger() throws IOException {
        // given the input run once
        sandbox(Duration.ofSeconds(3));
        assertThat(cli("run", "--report", dir.resolve("report.csv").toString(), "--max-wait=2m").exit()).isEqualTo(ExitCodes.COMPLETED);
        JdbcTemplate jdbc = database.jdbc();
        long events = jdbc.queryForObject("SELECT count(*) FROM withdrawal_event", Long.class);

        // when it is planned again
        CliRun plan = cli("plan", "--latency", "50ms");

        // then every instruction is found DUPLICATE, and the ledger is as the run left it
        assertThat(plan.exit()).as(plan.toString()).isEqualTo(ExitCodes.NEEDS_ATTENTION);
        assertThat(plan.out()).contains(", read only: 42 row(s) hold instructions earlier runs loaded (DUPLICATE).")
                .contains("  uncash           0                   -         0         18            -")
                .contains("  uncash    ALREADY_LOADED                18  line 2: instruction_id 'E-1' was already loaded by an earlier run;");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM withdrawal_event", Long.class)).isEqualTo(events);
    }

    /** Six Uncash cards with three instructions each, in the file wave by wave; eight HTP, Plu and Cartevo cards with one each. */
    Path input() throws IOException {
        StringBuilder rows = new StringBuilder(PlanCommandTests.HEADER);
        int n = 0;
        for (int wave = 0; wave < 3; wave++) {
            for (int card = 0; card < 6; card++) {
                rows.append("E-").append(++n).append(",uncash,").append(card("uncash", card)).append(",10.00,USD,estimate,,,,\n");
            }
        }
        for (int card = 0; card < 8; card++) {
            rows.append("E-").append(++n).append(",htp,").append(card("htp", card)).append(",10.00,USD,estimate,").append(TRC20).append(",TRC20,,\n");
            rows.append("E-").append(++n).append(",plu,").append(card("plu", card)).append(",10.00,USD,estimate,,,,\n");
            rows.append("E-").append(++n).append(",cartevo,").append(card("cartevo", card)).append(",10.00,USD,estimate,,,,\n");
        }
        return Files.writeString(dir.resolve("estimate.csv"), rows);
    }

    Path cards() throws IOException {
        StringBuilder cards = new StringBuilder("provider,card_id,balance,status,currency,user_id,pan\n");
        for (String provider : List.of("uncash", "htp", "plu", "cartevo")) {
            for (int card = 0; card < 8; card++) {
                String status = provider.equals("uncash") || provider.equals("plu") ? "active" : "ACTIVE";
                cards.append(provider).append(',').append(card(provider, card)).append(",1000.00,").append(status).append(",USD,")
                        .append(provider.equals("htp") ? SandboxCredentials.HTP_USER_ID : "").append(",\n");
            }
        }
        return Files.writeString(dir.resolve("cards.csv"), cards);
    }

    static String card(String provider, int number) {
        return provider.equals("plu") ? "estimate-card-" + number + "xyz"
                : UUID.nameUUIDFromBytes((provider + number).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /**
     * The sweep's queue, in the ledger's database after its schema: the table of {@code jobs/card-termination-sweep.yml},
     * a whole balance for each card.
     */
    void queue() {
        JdbcTemplate jdbc = database.jdbc();
        Flyway.configure().dataSource(jdbc.getDataSource()).load().migrate();
        jdbc.execute("""
                CREATE TABLE cards_due_for_termination (termination_id BIGINT PRIMARY KEY, provider TEXT NOT NULL, card_id TEXT NOT NULL,
                    amount TEXT, currency CHAR(3), reference TEXT, wallet_address TEXT, network TEXT)""");
        int id = 0;
        for (String provider : List.of("uncash", "htp", "cartevo", "plu")) {
            int cards = provider.equals("uncash") ? 5 : provider.equals("htp") ? 4 : 3;
            for (int card = 0; card < cards; card++) {
                boolean htp = provider.equals("htp");
                jdbc.update("INSERT INTO cards_due_for_termination VALUES (?, ?, ?, 'ALL', 'USD', 'sweep', ?, ?)", ++id, provider,
                        card(provider, card), htp ? TRC20 : null, htp ? "TRC20" : null);
            }
        }
    }

    CliRun cli(String command, String... options) {
        List<String> args = new ArrayList<>(List.of(command, "jobs/per-diem-reclaim.yml", "--input", input.toString()));
        args.addAll(List.of(options));
        args.add("--cardsweep.providers.uncash.cooldown=3500ms");
        return cardsweep(args);
    }

    CliRun sweep(String command, String... options) {
        List<String> args = new ArrayList<>(List.of(command, "jobs/card-termination-sweep.yml"));
        args.addAll(List.of(options));
        args.addAll(List.of("--cardsweep.providers.uncash.cooldown=9s", "--max-wait=2m"));
        return cardsweep(args);
    }

    /** The command on the test's database and sandbox, with HTP's budget scaled as the sandbox's. */
    CliRun cardsweep(List<String> commandLine) {
        List<String> args = new ArrayList<>(commandLine);
        args.addAll(List.of("--cardsweep.home=" + dir.resolve("home"), "--cardsweep.providers.htp.requests-per-minute=120"));
        args.addAll(List.of(database.asArguments()));
        args.addAll(Sandboxes.providerArguments(Objects.requireNonNull(sandbox)));
        return CliRun.of(Cli::run, args);
    }

    static double estimatedSeconds(String planOutput) {
        return seconds(ESTIMATE, planOutput);
    }

    /** When the plan says HTP's withdrawals are done. */
    static double htpDoneSeconds(String planOutput) {
        return seconds(HTP_DONE, planOutput);
    }

    private static double seconds(Pattern pattern, String planOutput) {
        Matcher matcher = pattern.matcher(planOutput);
        assertThat(matcher.find()).as(planOutput).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    /** From the start of one step to the end of another, as the job repository recorded them. */
    double seconds(String fromStart, String toEnd) {
        JdbcTemplate jdbc = database.jdbc();
        LocalDateTime start = jdbc.queryForObject("SELECT start_time FROM batch_step_execution WHERE step_name = ?", LocalDateTime.class, fromStart);
        LocalDateTime end = jdbc.queryForObject("SELECT end_time FROM batch_step_execution WHERE step_name = ?", LocalDateTime.class, toEnd);
        return Duration.between(start, end).toMillis() / 1000.0;
    }
}
