import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The cardsweep benchmark driver, run by {@code bench/run.sh SCENARIO} (a single-file program: no build, no
 * dependencies). For a scenario it generates sandbox cards and an instruction CSV under {@code target/bench/},
 * starts the sandbox from {@code target/cardsweep.jar} in its own process with the scenario's latency and limits,
 * runs the job in another process against a fresh embedded PostgreSQL, and prints the figures one per line as
 * {@code name: value}. It exits 1 when the sandbox recorded a limit violation or the run did not end as expected.
 */
public class Bench {

    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path JAR = ROOT.resolve("target/cardsweep.jar");
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String TRC20_ADDRESS = "TVbQp3zppn9sNP6kXz5xwTs2xYd1gjRRe1";
    static final String HTP_USER = "htp-sandbox-user";

    /** Default concurrency caps, which are also the mix of providers where every provider takes part. */
    static final Map<String, Integer> CAPS = new LinkedHashMap<>(Map.of("plu", 4, "cartevo", 4, "uncash", 4, "htp", 1, "nueve09", 4));

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].startsWith("-")) {
            usage("a scenario is needed");
        }
        String scenario = args[0];
        Integer instructions = null;
        int kills = 5;
        long seed = System.nanoTime();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--instructions") && i + 1 < args.length) {
                instructions = Integer.parseInt(args[++i].replace("_", ""));
            } else if (args[i].equals("--kills") && i + 1 < args.length) {
                kills = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--seed") && i + 1 < args.length) {
                seed = Long.parseLong(args[++i]);
            } else {
                usage("unknown argument '" + args[i] + "'");
            }
        }
        Path work = ROOT.resolve("target/bench/" + scenario);
        deleteRecursively(work);
        Files.createDirectories(work);
        boolean ok = switch (scenario) {
            case "throughput" -> throughput(work, instructions == null ? 100_000 : instructions);
            case "latency" -> latency(work, instructions == null ? 10_000 : instructions);
            case "paced" -> paced(work, instructions == null ? 200 : instructions);
            case "cooldown" -> cooldown(work, instructions == null ? 300 : instructions);
            case "memory" -> memory(work, instructions == null ? 1_000_000 : instructions);
            case "chaos" -> chaos(work, instructions == null ? 10_000 : instructions, kills, seed);
            default -> {
                usage("unknown scenario '" + scenario + "'");
                yield false;
            }
        };
        System.exit(ok ? 0 : 1);
    }

    static void usage(String problem) {
        System.err.println("bench: " + problem + "; usage: bench/run.sh throughput|latency|paced|cooldown|memory|chaos [--instructions N]"
                + " [--kills K] [--seed S]");
        System.exit(2);
    }

    // ---------------------------------------------------------------- scenarios

    /** All five providers, zero latency, no limits: what cardsweep itself costs per instruction, end to end. */
    static boolean throughput(Path work, int count) throws Exception {
        Inputs inputs = Inputs.mixed(work, count);
        try (Sandbox sandbox = Sandbox.start(work, inputs.cards, "--htp-requests-per-minute", "0", "--htp-settle-delay", "0ms")) {
            Run run = Run.job(work, inputs.instructions, sandbox, List.of(), "--cardsweep.providers.htp.requests-per-minute=0");
            print("scenario", "throughput");
            print("instructions", count);
            run.printTimes();
            print("sandbox_cpu_seconds", sandbox.cpuSeconds());
            double rate = count / run.jobSeconds;
            print("instructions_per_second", rate);
            print("target", "instructions_per_second >= 2000: " + met(rate >= 2000));
            return run.allSucceeded(count) & sandbox.noViolations();
        }
    }

    /** 100 ms per provider call, no limits: how close the overlapping calls come to the caps' ceiling. */
    static boolean latency(Path work, int count) throws Exception {
        Inputs inputs = Inputs.mixed(work, count);
        try (Sandbox sandbox = Sandbox.start(work, inputs.cards, "--latency", "100ms", "--htp-requests-per-minute", "0",
                "--htp-settle-delay", "0ms")) {
            Run run = Run.job(work, inputs.instructions, sandbox, List.of(), "--cardsweep.providers.htp.requests-per-minute=0");
            double ceiling = CAPS.values().stream().mapToInt(Integer::intValue).sum() / 0.100;
            double rate = count / run.jobSeconds;
            print("scenario", "latency");
            print("instructions", count);
            print("provider_latency_ms", 100);
            print("concurrency_caps", CAPS.toString());
            run.printTimes();
            print("instructions_per_second", rate);
            print("ceiling_per_second", ceiling);
            print("achieved_over_ceiling", rate / ceiling);
            print("target", "achieved_over_ceiling >= 0.8: " + met(rate / ceiling >= 0.8));
            return run.allSucceeded(count) & sandbox.noViolations();
        }
    }

    /** HTP alone at 600 requests a minute, status polls included: how close pacing runs to the limit, never over it. */
    static boolean paced(Path work, int count) throws Exception {
        int limit = 600;
        Inputs inputs = Inputs.only(work, "htp", count);
        try (Sandbox sandbox = Sandbox.start(work, inputs.cards, "--htp-requests-per-minute", String.valueOf(limit))) {
            Run run = Run.job(work, inputs.instructions, sandbox, List.of(), "--cardsweep.providers.htp.requests-per-minute=" + limit);
            Map<String, Object> htp = sandbox.stats("htp");
            long requests = ((Number) htp.get("requests")).longValue();
            double spanSeconds = seconds(Duration.between(Instant.parse((String) htp.get("first_request_at")),
                    Instant.parse((String) htp.get("last_request_at"))));
            double perMinute = (requests - 1) / spanSeconds * 60;
            print("scenario", "paced");
            print("instructions", count);
            print("htp_limit_per_minute", limit);
            run.printTimes();
            print("htp_requests", requests);
            print("htp_request_span_seconds", spanSeconds);
            print("htp_requests_per_minute", perMinute);
            print("htp_withdrawals_per_minute", sandbox.executions() / spanSeconds * 60);
            print("achieved_over_limit", perMinute / limit);
            print("sandbox_violations", sandbox.violations());
            print("target", "achieved_over_limit >= 0.95 and no violation: " + met(perMinute / limit >= 0.95 && sandbox.violations() == 0));
            return run.allSucceeded(count) & sandbox.noViolations();
        }
    }

    /**
     * Uncash cards with two or three instructions each, the cooldown scaled down to 60 s in the sandbox (61 s in the
     * job, the same 5-second margin proportionally rounded up as Uncash's 905 s for 900): every instruction
     * succeeds, none hits the cooldown, and the run ends close to the schedule's minimum, (3 − 1) × 60 s.
     */
    static boolean cooldown(Path work, int cards) throws Exception {
        Duration cooldown = Duration.ofSeconds(60);
        Inputs inputs = Inputs.cooldown(work, cards);
        try (Sandbox sandbox = Sandbox.start(work, inputs.cards, "--uncash-cooldown", cooldown.toSeconds() + "s")) {
            Run run = Run.job(work, inputs.instructions, sandbox, List.of(), "--cardsweep.providers.uncash.cooldown=61s", "--max-wait=10m");
            double minimum = seconds(cooldown.multipliedBy(2));
            Map<String, Object> uncash = sandbox.stats("uncash");
            double span = seconds(Duration.between(Instant.parse((String) uncash.get("first_request_at")),
                    Instant.parse((String) uncash.get("last_request_at"))));
            print("scenario", "cooldown");
            print("cards", cards);
            print("instructions", inputs.count);
            print("sandbox_cooldown_seconds", cooldown.toSeconds());
            run.printTimes();
            print("schedule_minimum_seconds", minimum);
            print("uncash_request_span_seconds", span);
            print("makespan_over_minimum", run.jobSeconds / minimum);
            print("sandbox_violations", sandbox.violations());
            print("target", "every instruction SUCCEEDED, no violation, makespan within 10% of the minimum: "
                    + met(run.succeeded == inputs.count && sandbox.violations() == 0 && run.jobSeconds <= minimum * 1.10));
            return run.allSucceeded(inputs.count) & sandbox.noViolations();
        }
    }

    /** A million-line CSV through the whole job in a 256 MB heap; the peak heap read from the GC log. */
    static boolean memory(Path work, int count) throws Exception {
        Inputs inputs = Inputs.mixed(work, count);
        Path gcLog = work.resolve("gc.log");
        try (Sandbox sandbox = Sandbox.start(work, inputs.cards, "--htp-requests-per-minute", "0", "--htp-settle-delay", "0ms")) {
            Run run = Run.job(work, inputs.instructions, sandbox, List.of("-Xmx256m", "-Xlog:gc:file=" + gcLog),
                    "--cardsweep.providers.htp.requests-per-minute=0");
            long[] heap = GcLog.peakAndMax(gcLog);
            print("scenario", "memory");
            print("instructions", count);
            print("input_megabytes", Files.size(inputs.instructions) / 1_048_576.0);
            run.printTimes();
            print("instructions_per_second", count / run.jobSeconds);
            print("heap_max_megabytes", heap[1]);
            print("peak_heap_megabytes", heap[0]);
            print("target", "completes with -Xmx256m: " + met(run.exit == 0 && run.succeeded == count));
            return run.allSucceeded(count) & sandbox.noViolations();
        }
    }

    // ---------------------------------------------------------------- inputs

    /** What goes wrong in {@code chaos}: at every provider, on every request about a withdrawal. */
    static final String CHAOS_FAULTS = "all:error=0.02,rate-limit=0.01,drop-before=0.01,drop-after=0.01,hang-after=0.005,malformed=0.01,"
            + "latency=1ms..10ms,hang=3s";

    /**
     * Plu's without 429s: a Plu withdrawal refused by a 429 waits out the 5 minutes its idempotency key is remembered
     * before it may be sent again, longer than a chaos run should take.
     */
    static final String CHAOS_PLU_FAULTS = "plu:error=0.02,drop-before=0.01,drop-after=0.01,hang-after=0.005,malformed=0.01,"
            + "latency=1ms..10ms,hang=3s";

    /**
     * All five providers with faults on in the sandbox (server errors, connections dropped before and after executing,
     * hangs past the client's timeout, malformed answers), the job SIGKILLed at {@code kills} random moments of its
     * progress and run again each time, then once more to the end. Then the ledger, as its report says, against the
     * sandbox's record of what it executed: nothing executed twice; every instruction final, or UNKNOWN with a reason;
     * nothing FAILED or DECLINED that executed; every SUCCEEDED row an execution with its amount and transaction. Then
     * reconciliation with its proposals accepted, as an operator would, and per provider the executed sum must equal the
     * SUCCEEDED sum.
     */
    static boolean chaos(Path work, int count, int kills, long seed) throws Exception {
        Inputs inputs = Inputs.mixed(work, count);
        Map<String, String[]> instructionsByCard = new HashMap<>();
        for (String line : Files.readAllLines(inputs.instructions).subList(1, count + 1)) {
            String[] fields = line.split(",", -1); // instruction_id, provider, card_id, amount, …
            instructionsByCard.put(fields[1] + " " + fields[2], fields);
        }
        Random random = new Random(seed);
        print("scenario", "chaos");
        print("instructions", count);
        print("seed", seed);
        print("faults", CHAOS_FAULTS + " " + CHAOS_PLU_FAULTS);
        try (Sandbox sandbox = Sandbox.start(work, inputs.cards, "--htp-requests-per-minute", "0", "--htp-settle-delay", "0ms",
                "--faults", CHAOS_FAULTS, "--faults", CHAOS_PLU_FAULTS, "--fault-seed", String.valueOf(seed),
                // a withdrawal deferred by a 429 comes back within the run; a cooldown of minutes would outlast it
                "--uncash-cooldown", "2s")) {
            List<String> properties = new ArrayList<>(List.of("--cardsweep.providers.htp.requests-per-minute=0",
                    "--cardsweep.job.retry.initial-backoff=50ms", "--cardsweep.job.retry.max-backoff=200ms", "--max-wait=1m",
                    "--cardsweep.providers.uncash.cooldown=3s"));
            for (String provider : CAPS.keySet()) {
                properties.add("--cardsweep.providers." + provider + ".read-timeout=1s"); // the sandbox hangs for 3 s
            }
            int killed = 0;
            int runs = 0;
            int exit = -1;
            while (killed < kills) {
                // A random moment of the run's progress: after this many more executions, spread so every kill finds work left.
                long target = sandbox.executions() + 1 + random.nextInt(Math.max(1, count / (kills + 2)));
                Process job = jobProcess(work, inputs.instructions, sandbox, List.of(), work.resolve("job-output-" + ++runs + ".txt"),
                        properties.toArray(String[]::new)).start();
                while (job.isAlive() && sandbox.executions() < target) {
                    Thread.sleep(10);
                }
                if (!job.isAlive()) {
                    exit = job.exitValue();
                    break;
                }
                // Counted only if the kill, not the job's own end, is what stopped it (a JVM killed by SIGKILL reports 137).
                if (job.destroyForcibly().waitFor() == 137) {
                    killed++;
                } else {
                    exit = job.exitValue();
                    break;
                }
            }
            for (int attempt = 0; attempt < 3 && exit != 0 && exit != 3; attempt++) {
                exit = jobProcess(work, inputs.instructions, sandbox, List.of(), work.resolve("job-output-" + ++runs + ".txt"),
                        properties.toArray(String[]::new)).start().waitFor();
            }
            print("kills", killed);
            print("runs", runs);
            print("last_exit_code", exit);
            print("sandbox_faults", sandbox.faults());
            boolean reconciled = reconcile(work, sandbox);
            // The same command again rewrites the report from the ledger as reconciliation left it.
            int reported = jobProcess(work, inputs.instructions, sandbox, List.of(), work.resolve("job-output-report.txt"),
                    properties.toArray(String[]::new)).start().waitFor();
            return chaosChecks(work.resolve("report.csv"), instructionsByCard, sandbox.withdrawals(), count)
                    & killed == kills & (exit == 0 || exit == 3) & reconciled & (reported == 0 || reported == 3);
        }
    }

    /**
     * What an operator does after such a run, once the providers answer again: reconcile from the providers' records
     * (HTP's status lookup, Plu's webhook export, Cartevo's and Uncash's card balances), then accept the proposals.
     */
    static boolean reconcile(Path work, Sandbox sandbox) throws Exception {
        sandbox.post("/_sandbox/faults", "{}");
        // Webhooks arrive after the withdrawals they tell of: the export is taken once they have had time to (reconcile
        // proposes "not executed" for a missing event only from an export taken 10 s or more after the withdrawal).
        Thread.sleep(11_000);
        Path events = work.resolve("plu-webhook-events.jsonl");
        Files.writeString(events, sandbox.get("/_sandbox/plu/webhook-events"), StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("cardsweep").toString(), "reconcile", "jobs/reconcile.yml",
                "--plu-events", events.toString(), "--report", work.resolve("reconcile.csv").toString(), "--cardsweep.home=" + work.resolve("home")));
        command.addAll(sandbox.settings());
        int reconciled = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("reconcile-output.txt").toFile())
                .start().waitFor();
        for (String line : Files.readAllLines(work.resolve("reconcile-output.txt"))) {
            if (line.matches("^(provider|plu|cartevo|uncash|htp|nueve09) .*")) {
                print("reconcile", line.strip().replaceAll("\\s+", " "));
            }
        }
        int accepted = new ProcessBuilder(ROOT.resolve("cardsweep").toString(), "resolve", "--accept", work.resolve("reconcile.csv").toString(),
                "--note", "chaos: the proposal accepted", "--cardsweep.home=" + work.resolve("home")).redirectErrorStream(true)
                .redirectOutput(work.resolve("accept-output.txt").toFile()).start().waitFor();
        print("reconcile_exit_code", reconciled + " (3: proposals or withdrawals left for an operator)");
        print("accept", Files.readAllLines(work.resolve("accept-output.txt")).stream().filter(line -> line.startsWith("Accepted"))
                .findFirst().orElse("accept exit " + accepted));
        return (reconciled == 0 || reconciled == 3) && accepted == 0;
    }

    /** The checks of {@link #chaos}, one line each, then one per provider; true when every check holds. */
    static boolean chaosChecks(Path report, Map<String, String[]> instructionsByCard, List<Map<String, Object>> executions, int count) throws IOException {
        Map<String, Map<String, String>> ledger = new HashMap<>();
        List<String> lines = Files.readAllLines(report);
        List<String> header = Csv.fields(lines.get(0).replace("\uFEFF", ""));
        for (String line : lines.subList(1, lines.size())) {
            List<String> fields = Csv.fields(line);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), fields.get(i));
            }
            ledger.put(row.get("instruction_id"), row);
        }
        Map<String, Integer> executionsPerInstruction = new HashMap<>();
        long executedAndFailedOrDeclined = 0;
        long executedWithoutRow = 0;
        Map<String, BigDecimal[]> sums = new java.util.TreeMap<>(); // provider -> executed, succeeded, unknown that executed
        Map<String, String> executedTransaction = new HashMap<>();
        for (Map<String, Object> execution : executions) {
            String provider = (String) execution.get("provider");
            String[] instruction = instructionsByCard.get(provider + " " + execution.get("card_id"));
            Map<String, String> row = instruction == null ? null : ledger.get(instruction[0]);
            if (row == null) {
                executedWithoutRow++;
                continue;
            }
            executionsPerInstruction.merge(instruction[0], 1, Integer::sum);
            executedTransaction.put(instruction[0], execution.get("transaction_id") + " " + new BigDecimal(execution.get("amount").toString()).setScale(2));
            BigDecimal amount = new BigDecimal(execution.get("amount").toString());
            BigDecimal[] sum = sumsOf(sums, provider);
            sum[0] = sum[0].add(amount);
            switch (row.get("status")) {
                case "UNKNOWN" -> sum[2] = sum[2].add(amount);
                case "SUCCEEDED" -> { }
                default -> executedAndFailedOrDeclined++;
            }
        }
        long notFinal = 0;
        long succeededWithoutExecution = 0;
        long unknownNotExecuted = 0;
        Map<String, Long> byStatus = new java.util.TreeMap<>();
        for (Map<String, String> row : ledger.values()) {
            String status = row.get("status");
            byStatus.merge(status, 1L, Long::sum);
            boolean isFinal = List.of("SUCCEEDED", "DECLINED", "FAILED", "REJECTED").contains(status)
                    || status.equals("UNKNOWN") && !row.get("reason_code").isBlank();
            notFinal += isFinal ? 0 : 1;
            if (status.equals("SUCCEEDED")) {
                // Plu confirms without a transaction id (its webhook brings it): its rows match on the amount alone.
                String transaction = row.get("provider_transaction_id").isBlank() ? "" : row.get("provider_transaction_id") + " ";
                String executed = executedTransaction.getOrDefault(row.get("instruction_id"), "");
                String recorded = transaction + new BigDecimal(row.get("amount")).setScale(2);
                if (!(transaction.isEmpty() ? executed.endsWith(" " + recorded) : executed.equals(recorded))) {
                    succeededWithoutExecution++;
                }
                BigDecimal[] sum = sumsOf(sums, row.get("provider"));
                sum[1] = sum[1].add(new BigDecimal(row.get("amount")));
            }
            if (status.equals("UNKNOWN") && !executionsPerInstruction.containsKey(row.get("instruction_id"))) {
                unknownNotExecuted++;
            }
        }
        long executedTwice = executionsPerInstruction.values().stream().filter(n -> n > 1).count();
        print("ledger_rows", lines.size() - 1);
        print("ledger_by_status", byStatus);
        print("sandbox_executions", executions.size());
        print("check_executed_twice", executedTwice);
        print("check_not_final_or_unknown_without_reason", notFinal + (count - ledger.size()));
        print("check_executed_but_failed_or_declined", executedAndFailedOrDeclined);
        print("check_executed_without_ledger_row", executedWithoutRow);
        print("check_succeeded_without_matching_execution", succeededWithoutExecution);
        print("unknown_that_did_not_execute", unknownNotExecuted + " (still UNKNOWN, left for an operator)");
        boolean sumsHold = true;
        for (Map.Entry<String, BigDecimal[]> provider : sums.entrySet()) {
            BigDecimal[] sum = provider.getValue();
            boolean holds = sum[0].compareTo(sum[1]) == 0 && sum[2].signum() == 0;
            sumsHold &= holds;
            print("sums_" + provider.getKey(), "executed " + sum[0].toPlainString() + " = succeeded " + sum[1].toPlainString() + ": "
                    + (holds ? "HOLDS" : "BROKEN") + (sum[2].signum() == 0 ? "" : " (" + sum[2].toPlainString() + " executed but still UNKNOWN)"));
        }
        boolean ok = executedTwice == 0 && notFinal == 0 && ledger.size() == count && lines.size() - 1 == count && executedAndFailedOrDeclined == 0
                && executedWithoutRow == 0 && succeededWithoutExecution == 0 && sumsHold;
        print("chaos_checks", ok ? "PASSED" : "FAILED");
        return ok;
    }

    /** A sandbox card file and the instruction CSV that withdraws from its cards. */
    record Inputs(Path cards, Path instructions, int count) {

        /** {@code count} instructions, one per card, spread over the providers in proportion to their caps. */
        static Inputs mixed(Path work, int count) throws IOException {
            int capSum = CAPS.values().stream().mapToInt(Integer::intValue).sum();
            List<String> providers = new ArrayList<>();
            CAPS.forEach((provider, cap) -> {
                for (int i = 0; i < cap; i++) {
                    providers.add(provider);
                }
            });
            try (Generator generator = new Generator(work)) {
                for (int i = 0; i < count; i++) {
                    generator.instruction(providers.get(i % capSum), generator.card(providers.get(i % capSum)), i);
                }
            }
            return new Inputs(work.resolve("cards.csv"), work.resolve("instructions.csv"), count);
        }

        static Inputs only(Path work, String provider, int count) throws IOException {
            try (Generator generator = new Generator(work)) {
                for (int i = 0; i < count; i++) {
                    generator.instruction(provider, generator.card(provider), i);
                }
            }
            return new Inputs(work.resolve("cards.csv"), work.resolve("instructions.csv"), count);
        }

        /** Uncash cards, every third with three instructions and the others with two, in file order by wave. */
        static Inputs cooldown(Path work, int cards) throws IOException {
            int n = 0;
            try (Generator generator = new Generator(work)) {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < cards; i++) {
                    ids.add(generator.card("uncash"));
                }
                for (int wave = 0; wave < 3; wave++) {
                    for (int i = 0; i < cards; i++) {
                        if (wave < 2 || i % 3 == 0) {
                            generator.instruction("uncash", ids.get(i), n++);
                        }
                    }
                }
            }
            return new Inputs(work.resolve("cards.csv"), work.resolve("instructions.csv"), n);
        }
    }

    /** Writes cards and instructions as it goes, so a million lines never sit in memory. */
    static final class Generator implements AutoCloseable {

        private final Writer cards;
        private final Writer instructions;
        private long serial;

        Generator(Path work) throws IOException {
            cards = Files.newBufferedWriter(work.resolve("cards.csv"));
            instructions = Files.newBufferedWriter(work.resolve("instructions.csv"));
            cards.write("provider,card_id,balance,status,currency,user_id,pan\n");
            instructions.write("instruction_id,provider,card_id,amount,currency,reference,wallet_address,network,latitude,longitude\n");
        }

        String card(String provider) throws IOException {
            long n = serial++;
            String id = provider.equals("plu") ? "bench-card-" + Long.toString(n, 36)
                    : UUID.nameUUIDFromBytes((provider + n).getBytes(StandardCharsets.UTF_8)).toString();
            String status = switch (provider) {
                case "cartevo", "htp" -> "ACTIVE";
                default -> "active";
            };
            String currency = provider.equals("nueve09") ? "MXN" : "USD";
            cards.write(provider + "," + id + ",100000.00," + status + "," + currency + "," + (provider.equals("htp") ? HTP_USER : "") + ",\n");
            return id;
        }

        void instruction(String provider, String card, int n) throws IOException {
            BigDecimal amount = BigDecimal.valueOf(500 + n % 2000, 2).add(BigDecimal.TEN);
            boolean htp = provider.equals("htp");
            instructions.write("BENCH-" + n + "," + provider + "," + card + "," + amount.toPlainString() + ",,bench " + n + ","
                    + (htp ? TRC20_ADDRESS + ",TRC20" : ",") + ",,\n");
        }

        @Override
        public void close() throws IOException {
            cards.close();
            instructions.close();
        }
    }

    // ---------------------------------------------------------------- processes

    /** The sandbox in its own process, on a free port. */
    static final class Sandbox implements AutoCloseable {

        final Process process;
        final String root;

        private Sandbox(Process process, String root) {
            this.process = process;
            this.root = root;
        }

        static Sandbox start(Path work, Path cards, String... flags) throws Exception {
            // The sandbox stands in for providers on other machines; here it shares the job's cores, so it runs lean:
            // the JIT's first tier only, whose compilations cost a fraction of the optimising tier's.
            List<String> command = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1"));
            command.addAll(fromEnvironment("BENCH_SANDBOX_JAVA_OPTS"));
            command.addAll(List.of("-jar", JAR.toString(), "sandbox", "--port", "0", "--cards", cards.toString()));
            command.addAll(List.of(flags));
            command.addAll(fromEnvironment("BENCH_SANDBOX_ARGS")); // e.g. --faults all:drop-after=0.01
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            Pattern ready = Pattern.compile("cardsweep sandbox ready on (http://\\S+)");
            String line;
            while ((line = out.readLine()) != null) {
                Matcher matcher = ready.matcher(line);
                if (matcher.find()) {
                    Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "sandbox-output");
                    drain.setDaemon(true);
                    drain.start();
                    return new Sandbox(process, matcher.group(1));
                }
            }
            throw new IllegalStateException("the sandbox did not start (exit " + process.waitFor() + ")");
        }

        List<String> settings() throws Exception {
            List<String> arguments = new ArrayList<>();
            Json.object(get("/_sandbox/settings")).forEach((name, value) -> arguments.add("--" + name + "=" + value));
            return arguments;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> stats(String provider) throws Exception {
            return (Map<String, Object>) Json.object(get("/_sandbox/stats")).get(provider);
        }

        @SuppressWarnings("unchecked")
        long violations() throws Exception {
            long total = 0;
            for (Object provider : Json.object(get("/_sandbox/stats")).values()) {
                for (Object count : ((Map<String, Object>) ((Map<String, Object>) provider).get("violations")).values()) {
                    total += ((Number) count).longValue();
                }
            }
            return total;
        }

        boolean noViolations() throws Exception {
            long violations = violations();
            if (violations > 0) {
                System.out.println("FAILED: the sandbox recorded " + violations + " limit violation(s): " + get("/_sandbox/stats"));
            }
            return violations == 0;
        }

        /** The faults the sandbox injected, by kind, over every provider. */
        @SuppressWarnings("unchecked")
        Map<String, Long> faults() throws Exception {
            Map<String, Long> total = new java.util.TreeMap<>();
            for (Object provider : Json.object(get("/_sandbox/stats")).values()) {
                ((Map<String, Object>) ((Map<String, Object>) provider).get("faults"))
                        .forEach((kind, count) -> total.merge(kind, ((Number) count).longValue(), Long::sum));
            }
            return total;
        }

        long executions() throws Exception {
            return ((Number) Json.object(get("/_sandbox/withdrawals/count")).get("count")).longValue();
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> withdrawals() throws Exception {
            return (List<Map<String, Object>>) Json.parse(get("/_sandbox/withdrawals"));
        }

        String get(String path) throws Exception {
            return HTTP.send(HttpRequest.newBuilder(URI.create(root + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
        }

        String post(String path, String json) throws Exception {
            return HTTP.send(HttpRequest.newBuilder(URI.create(root + path)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }

        /** CPU time the sandbox process has used so far: its share of the machine, beside the job's. */
        double cpuSeconds() {
            return process.info().totalCpuDuration().map(Bench::seconds).orElse(Double.NaN);
        }

        @Override
        public void close() {
            process.destroy();
        }
    }

    /**
     * The job's command, through the launcher with the JVM options a user gets (the scenario's and BENCH_JOB_JAVA_OPTS,
     * a profiler say, come after them), on the scenario's embedded PostgreSQL, pointed at the sandbox.
     */
    static ProcessBuilder jobProcess(Path work, Path input, Sandbox sandbox, List<String> jvmOptions, Path log, String... properties)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("cardsweep").toString()));
        List<String> javaOptions = new ArrayList<>(jvmOptions);
        javaOptions.addAll(fromEnvironment("BENCH_JOB_JAVA_OPTS"));
        command.addAll(List.of("run", "jobs/per-diem-reclaim.yml", "--input", input.toString(),
                "--report", work.resolve("report.csv").toString(), "--cardsweep.home=" + work.resolve("home")));
        command.addAll(sandbox.settings());
        command.addAll(List.of(properties));
        command.addAll(fromEnvironment("BENCH_JOB_ARGS")); // e.g. --cardsweep.pacing.concurrency.plu=8
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("CARDSWEEP_JAVA_OPTS", String.join(" ", javaOptions));
        return builder;
    }

    /** One job run, in its own JVM, with a fresh embedded PostgreSQL under the scenario's folder. */
    static final class Run {

        final int exit;
        final double processSeconds;
        final double jobSeconds;
        final long succeeded;
        final String output;
        final CpuMeter cpu;

        private Run(int exit, double processSeconds, double jobSeconds, long succeeded, String output, CpuMeter cpu) {
            this.cpu = cpu;
            this.exit = exit;
            this.processSeconds = processSeconds;
            this.jobSeconds = jobSeconds;
            this.succeeded = succeeded;
            this.output = output;
        }

        static Run job(Path work, Path input, Sandbox sandbox, List<String> jvmOptions, String... properties) throws Exception {
            Path log = work.resolve("job-output.txt");
            long start = System.nanoTime();
            Process process = jobProcess(work, input, sandbox, jvmOptions, log, properties).start();
            CpuMeter cpu = new CpuMeter(process.toHandle(), work.resolve("home"));
            while (!process.waitFor(250, TimeUnit.MILLISECONDS)) {
                cpu.sample();
            }
            int exit = process.exitValue();
            double processSeconds = (System.nanoTime() - start) / 1e9;
            String output = Files.readString(log);
            Matcher took = Pattern.compile("completed in (?:(\\d+) min )?([\\d.]+) s").matcher(output);
            Matcher hours = Pattern.compile("completed in (\\d+) h (\\d+) min").matcher(output);
            double jobSeconds = took.find() ? (took.group(1) == null ? 0 : Long.parseLong(took.group(1)) * 60) + Double.parseDouble(took.group(2))
                    : hours.find() ? Long.parseLong(hours.group(1)) * 3600 + Long.parseLong(hours.group(2)) * 60 : Double.NaN;
            long succeeded = 0;
            Matcher rows = Pattern.compile("(?m)^\\s+all\\s+SUCCEEDED\\s+(\\d+)").matcher(output);
            while (rows.find()) {
                succeeded += Long.parseLong(rows.group(1));
            }
            return new Run(exit, processSeconds, jobSeconds, succeeded, output, cpu);
        }

        void printTimes() {
            print("exit_code", exit);
            print("succeeded", succeeded);
            print("job_seconds", jobSeconds);
            print("process_seconds", processSeconds);
            print("job_jvm_cpu_seconds", cpu.jvmSeconds());
            print("postgres_cpu_seconds", cpu.childrenSeconds());
        }

        boolean allSucceeded(long expected) {
            if (exit != 0 || succeeded != expected) {
                System.out.println("FAILED: expected exit 0 and " + expected + " SUCCEEDED, got exit " + exit + " and " + succeeded
                        + "; the job's output is in " + ROOT.relativize(Path.of("target/bench").toAbsolutePath()) + "/…/job-output.txt");
                return false;
            }
            return true;
        }
    }

    // ---------------------------------------------------------------- small parts

    /**
     * CPU time of the job's JVM and of the embedded PostgreSQL's processes, sampled while they run:
     * on a two-core machine the job, PostgreSQL and the sandbox share the same cores, and this says who used them.
     */
    static final class CpuMeter {

        private final ProcessHandle jvm;
        private final Path home;
        private final Map<Long, Duration> children = new java.util.concurrent.ConcurrentHashMap<>();
        private Duration jvmCpu = Duration.ZERO;

        CpuMeter(ProcessHandle jvm, Path home) {
            this.jvm = jvm;
            this.home = home;
        }

        void sample() {
            jvm.info().totalCpuDuration().ifPresent(cpu -> jvmCpu = cpu);
            // The embedded PostgreSQL's postmaster detaches from the JVM: found by its data folder, with its backends.
            ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().map(line -> line.contains("postgres") && line.contains(home.toString())).orElse(false))
                    .flatMap(postmaster -> Stream.concat(Stream.of(postmaster), postmaster.descendants()))
                    .forEach(child -> child.info().totalCpuDuration().ifPresent(cpu -> children.put(child.pid(), cpu)));
        }

        double jvmSeconds() {
            return seconds(jvmCpu);
        }

        double childrenSeconds() {
            return children.values().stream().mapToDouble(Bench::seconds).sum();
        }
    }

    /** Peak heap in use (the largest "before" of any collection) and the heap's maximum size, from a -Xlog:gc file. */
    static final class GcLog {

        static long[] peakAndMax(Path log) throws IOException {
            Pattern pause = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
            long peak = 0;
            long max = 0;
            for (String line : Files.readAllLines(log)) {
                Matcher matcher = pause.matcher(line);
                if (matcher.find()) {
                    peak = Math.max(peak, Long.parseLong(matcher.group(1)));
                    max = Math.max(max, Long.parseLong(matcher.group(3)));
                }
            }
            return new long[] {peak, max};
        }
    }

    /** Just enough JSON for the sandbox's answers: objects, arrays, strings, numbers, booleans, null. */
    static final class Json {

        private final String text;
        private int at;

        private Json(String text) {
            this.text = text;
        }

        static Object parse(String text) {
            Json json = new Json(text);
            Object value = json.value();
            json.space();
            if (json.at != text.length()) {
                throw new IllegalArgumentException("trailing text in JSON at " + json.at);
            }
            return value;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> object(String text) {
            return (Map<String, Object>) parse(text);
        }

        private Object value() {
            space();
            char c = text.charAt(at);
            if (c == '{') {
                Map<String, Object> map = new LinkedHashMap<>();
                at++;
                space();
                if (text.charAt(at) == '}') {
                    at++;
                    return map;
                }
                do {
                    space();
                    String key = string();
                    space();
                    expect(':');
                    map.put(key, value());
                    space();
                } while (text.charAt(at++) == ',');
                return map;
            }
            if (c == '[') {
                List<Object> list = new ArrayList<>();
                at++;
                space();
                if (text.charAt(at) == ']') {
                    at++;
                    return list;
                }
                do {
                    list.add(value());
                    space();
                } while (text.charAt(at++) == ',');
                return list;
            }
            if (c == '"') {
                return string();
            }
            for (String word : List.of("true", "false", "null")) {
                if (text.startsWith(word, at)) {
                    at += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            return new BigDecimal(text.substring(start, at));
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (text.charAt(at) != '"') {
                char c = text.charAt(at++);
                if (c == '\\') {
                    char escaped = text.charAt(at++);
                    switch (escaped) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' -> {
                            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                            at += 4;
                        }
                        default -> out.append(escaped);
                    }
                } else {
                    out.append(c);
                }
            }
            at++;
            return out.toString();
        }

        private void expect(char c) {
            if (text.charAt(at) != c) {
                throw new IllegalArgumentException("expected '" + c + "' in JSON at " + at);
            }
            at++;
        }

        private void space() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
    }

    /** A provider's sums in {@link #chaosChecks}: executed, succeeded, unknown that executed. */
    static BigDecimal[] sumsOf(Map<String, BigDecimal[]> sums, String provider) {
        return sums.computeIfAbsent(provider, p -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
    }

    /** Fields of one line of the report: RFC 4180 quoting, no field spanning lines (the report writes none). */
    static final class Csv {

        static List<String> fields(String line) {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (c == ',' && !quoted) {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            fields.add(field.toString());
            return fields;
        }
    }

    /** The space-separated words of an environment variable, none when it is unset or blank. */
    static List<String> fromEnvironment(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }

    static void print(String name, Object value) {
        String shown = value instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : String.valueOf(value);
        System.out.println(name + ": " + shown);
    }

    static String met(boolean met) {
        return met ? "MET" : "MISSED";
    }

    static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
