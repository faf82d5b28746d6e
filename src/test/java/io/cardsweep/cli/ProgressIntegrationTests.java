package io.cardsweep.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cardsweep.provider.ProviderName;
import io.cardsweep.sandbox.SandboxCredentials;
import io.cardsweep.sandbox.SandboxOptions;
import io.cardsweep.sandbox.SandboxServer;
import io.cardsweep.support.CliRun;
import io.cardsweep.support.Sandboxes;
import io.cardsweep.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Progress lines through the command line, in this JVM: a run against a sandbox answering in 50 ms, one withdrawal at a
 * time per provider, long enough for several ticks of a 300 ms interval; and a short run, over before the first tick.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProgressIntegrationTests {

    static final Pattern LINE = Pattern.compile("^progress (\\w+): ([0-9,]+)/([0-9,]+) done \\(", Pattern.MULTILINE);
    static final String TRC20 = "TVbQp3zppn9sNP6kXz5xwTs2xYd1gjRRe1";
    static final Map<ProviderName, Integer> ROWS = Map.of(ProviderName.PLU, 30, ProviderName.CARTEVO, 20, ProviderName.UNCASH, 20,
            ProviderName.HTP, 8, ProviderName.NUEVE09, 20);

    @TempDir
    Path dir;

    TestDatabase.Coordinates database;
    SandboxServer sandbox;
    List<String> cardNumbers = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        // A context another test class left in Spring's test cache keeps logging set up for its own log file, and a run in
        // this JVM would then write to that file rather than to its own: let the runs here set it up afresh.
        LoggingSystem.get(getClass().getClassLoader()).cleanUp();
        database = TestDatabase.newDatabase();
        sandbox = SandboxServer.start(SandboxOptions.defaults().withCards(cards()).withLatency(Duration.ofMillis(50))
                .withHtpRequestsPerMinute(600));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void tellsEachProvidersProgressEveryIntervalUntilItIsDone(CapturedOutput output) throws IOException {
        // when
        CliRun run = run(input(ROWS), "--cardsweep.progress.interval=300ms");

        // then the run completed, and left no thread telling progress behind it
        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().equals("cardsweep-progress"));
        // and each provider's lines count its rows, move only forward, and end with all of them done
        Map<ProviderName, List<long[]>> lines = progressLines(output.getOut());
        assertThat(lines).as(output.getOut()).containsOnlyKeys(ProviderName.values());
        lines.forEach((provider, counts) -> {
            assertThat(counts).as(provider + " lines").hasSizeGreaterThanOrEqualTo(2);
            assertThat(counts).as(provider + " total").allSatisfy(count -> assertThat(count[1]).isEqualTo((long) ROWS.get(provider)));
            assertThat(counts).as(provider + " done").allSatisfy(count -> assertThat(count[0]).isBetween(0L, count[1]));
            for (int i = 1; i < counts.size(); i++) {
                assertThat(counts.get(i)[0]).as(provider + " line " + i).isGreaterThanOrEqualTo(counts.get(i - 1)[0]);
            }
            assertThat(counts.get(0)[0]).as(provider + " first line").isLessThan(ROWS.get(provider));
            assertThat(counts.get(counts.size() - 1)[0]).as(provider + " last line").isEqualTo((long) ROWS.get(provider));
        });
        // the same lines are in the log file, and none of them names a card
        String log = Files.readString(dir.resolve("home/logs/cardsweep.log"));
        List<String> printed = output.getOut().lines().filter(line -> line.startsWith("progress ")).toList();
        assertThat(printed).allSatisfy(line -> assertThat(log).contains(line));
        assertThat(String.join("\n", printed)).contains(" succeeded").contains("/s").doesNotContainPattern("[0-9]{12,}");
        cardNumbers.forEach(card -> assertThat(output.getOut()).doesNotContain(card));
        // and the summary follows them on the command's own output
        assertThat(run.out()).contains("Every instruction ended in a final state.");
    }

    @Test
    void tellsWhatTheDeferredStepWaitsForUntilTheWithdrawalsACooldownHeldBackAreDone(CapturedOutput output) throws IOException {
        // given three withdrawals from one Uncash card, which allows one every 2 s (2.5 s in the job)
        sandbox.close();
        sandbox = SandboxServer.start(SandboxOptions.defaults().withCards(cards()).withUncashCooldown(Duration.ofSeconds(2)));
        String card = card(ProviderName.UNCASH, 0);
        Path input = Files.writeString(dir.resolve("same-card.csv"), PlanCommandTests.HEADER + """
                C-1,uncash,%1$s,10.00,USD,first,,,,
                C-2,uncash,%1$s,11.00,USD,second,,,,
                C-3,uncash,%1$s,12.00,USD,third,,,,
                """.formatted(card));

        // when
        CliRun run = run(input, "--cardsweep.providers.uncash.cooldown=2500ms", "--max-wait=30s", "--cardsweep.progress.interval=300ms");

        // then the two it deferred are counted by the deferred step, which says what it waits for, until both are done
        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.COMPLETED);
        List<String> deferred = output.getOut().lines().filter(line -> line.startsWith("progress uncash deferred: ")).toList();
        assertThat(deferred).as(output.getOut()).isNotEmpty().allSatisfy(line -> assertThat(line).containsPattern(" [012]/2 done "));
        assertThat(deferred).anySatisfy(line -> assertThat(line).startsWith("progress uncash deferred: 0/2 done (0.0%), 0.0/s, waiting for a"
                + " cooldown or rate limit, next due in "));
        assertThat(deferred.get(deferred.size() - 1)).startsWith("progress uncash deferred: 2/2 done (100.0%) in ").endsWith(" — 2 succeeded");
    }

    @Test
    void aRunOverBeforeTheFirstTickTellsNoProgress(CapturedOutput output) throws IOException {
        // when a few rows run, with an interval no loaded machine could make this run outlast
        CliRun run = run(input(Map.of(ProviderName.PLU, 2, ProviderName.CARTEVO, 2, ProviderName.HTP, 1)), "--cardsweep.progress.interval=10m");

        // then
        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(output.getOut()).doesNotContainPattern("(?m)^progress ");
        assertThat(Files.readString(dir.resolve("home/logs/cardsweep.log"))).doesNotContain(" progress ").doesNotContain("progress plu");
        assertThat(run.out()).contains("Every instruction ended in a final state.");
    }

    CliRun run(Path input, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "jobs/per-diem-reclaim.yml", "--input", input.toString(), "--report",
                dir.resolve("report.csv").toString(), "--cardsweep.home=" + dir.resolve("home"),
                "--cardsweep.providers.htp.requests-per-minute=600"));
        for (ProviderName provider : ProviderName.values()) {
            args.add("--cardsweep.pacing.concurrency." + provider.id() + "=1");
        }
        args.addAll(List.of(database.asArguments()));
        args.addAll(Sandboxes.providerArguments(sandbox));
        args.addAll(List.of(extra));
        return CliRun.of(Cli::run, args);
    }

    /** Per provider, done and total of each of its lines, in order. */
    static Map<ProviderName, List<long[]>> progressLines(String out) {
        Map<ProviderName, List<long[]>> lines = new EnumMap<>(ProviderName.class);
        Matcher matcher = LINE.matcher(out);
        while (matcher.find()) {
            lines.computeIfAbsent(ProviderName.fromId(matcher.group(1)).orElseThrow(), any -> new ArrayList<>())
                    .add(new long[] {number(matcher.group(2)), number(matcher.group(3))});
        }
        return lines;
    }

    static long number(String counted) {
        return Long.parseLong(counted.replace(",", ""));
    }

    /** One instruction per card, so no card's cooldown holds a row back: Nueve09's by card number. */
    Path input(Map<ProviderName, Integer> rows) throws IOException {
        StringBuilder input = new StringBuilder(PlanCommandTests.HEADER);
        int id = 0;
        for (ProviderName provider : ProviderName.values()) {
            for (int card = 0; card < rows.getOrDefault(provider, 0); card++) {
                String cardId = provider == ProviderName.NUEVE09 ? pan(card) : card(provider, card);
                String currency = provider == ProviderName.NUEVE09 ? "MXN" : "USD";
                String wallet = provider == ProviderName.HTP ? TRC20 + ",TRC20" : ",";
                input.append("P-").append(++id).append(',').append(provider.id()).append(',').append(cardId).append(",10.00,").append(currency)
                        .append(",progress,").append(wallet).append(",,\n");
            }
        }
        return Files.writeString(dir.resolve("input.csv"), input);
    }

    Path cards() throws IOException {
        StringBuilder cards = new StringBuilder("provider,card_id,balance,status,currency,user_id,pan\n");
        Map<ProviderName, String> active = new LinkedHashMap<>(Map.of(ProviderName.PLU, "active", ProviderName.CARTEVO, "ACTIVE",
                ProviderName.UNCASH, "active", ProviderName.HTP, "ACTIVE", ProviderName.NUEVE09, "active"));
        active.forEach((provider, status) -> {
            for (int card = 0; card < ROWS.get(provider); card++) {
                boolean nueve09 = provider == ProviderName.NUEVE09;
                cards.append(provider.id()).append(',').append(card(provider, card)).append(",1000.00,").append(status).append(',')
                        .append(nueve09 ? "MXN" : "USD").append(',').append(provider == ProviderName.HTP ? SandboxCredentials.HTP_USER_ID : "")
                        .append(',').append(nueve09 ? pan(card) : "").append('\n');
                if (nueve09) {
                    cardNumbers.add(pan(card));
                }
            }
        });
        return Files.writeString(dir.resolve("cards.csv"), cards);
    }

    static String card(ProviderName provider, int number) {
        return provider == ProviderName.PLU ? "progress-card-" + number + "xyz"
                : UUID.nameUUIDFromBytes((provider.id() + number).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    static String pan(int number) {
        return String.format("5512%012d", 770_000_000L + number);
    }
}
