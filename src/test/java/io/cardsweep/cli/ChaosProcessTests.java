package io.cardsweep.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promise under fire, sized for CI: 2,000 instructions over the five providers, the sandbox (its own process)
 * failing requests in every way it can, the job SIGKILLed at five random moments of its progress and run again until it
 * ends. The bench's {@code chaos} scenario does the work and the checks ({@code bench/chaos.sh} is its long variant, with
 * the same checks); this test holds it to them. A failing seed is printed; {@code bench/run.sh chaos --seed S
 * --instructions 2000 --kills 5} repeats its kill points and its sequence of fault draws.
 */
class ChaosProcessTests {

    @Test
    void killsAndFaultsNeitherExecuteAnythingTwiceNorLoseADollar() throws Exception {
        long seed = ThreadLocalRandom.current().nextLong(1_000_000);
        Path output = Files.createTempFile("chaos", ".txt");
        Process bench = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "bench/Bench.java",
                "chaos", "--instructions", "2000", "--kills", "5", "--seed", String.valueOf(seed))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean ended = bench.waitFor(15, TimeUnit.MINUTES);
        if (!ended) {
            bench.destroyForcibly().waitFor();
        }
        String report = Files.readString(output, StandardCharsets.UTF_8);
        System.out.println(report);

        assertThat(ended).as("chaos run ended within 15 min (seed %d)", seed).isTrue();
        List<String> lines = report.lines().toList();
        assertThat(lines).as("seed %d:%n%s", seed, report)
                .contains("kills: 5", "ledger_rows: 2000", "check_executed_twice: 0", "check_not_final_or_unknown_without_reason: 0",
                        "check_executed_but_failed_or_declined: 0", "check_executed_without_ledger_row: 0",
                        "check_succeeded_without_matching_execution: 0", "chaos_checks: PASSED");
        assertThat(lines.stream().filter(line -> line.startsWith("sums_"))).hasSize(5).allMatch(line -> line.endsWith("HOLDS"));
        assertThat(lines).as(report).anyMatch(line -> line.startsWith("accept: Accepted "));
        assertThat(bench.exitValue()).as(report).isZero();
    }
}
