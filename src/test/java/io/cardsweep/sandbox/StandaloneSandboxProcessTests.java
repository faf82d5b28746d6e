package io.cardsweep.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cardsweep.sandbox.SandboxFixture.Reply;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged jar as its own process, as the job's end-to-end tests and the quickstart do. Failsafe
 * runs it after {@code package}; its name deliberately does not start with "Sandbox", so that
 * {@code -Dtest='Sandbox*'} (which overrides surefire's excludes) never runs it before the jar exists.
 */
class StandaloneSandboxProcessTests {

    private static final Pattern READY = Pattern.compile("cardsweep sandbox ready on (http://127\\.0\\.0\\.1:\\d+)");

    @Test
    void announcesReadinessAndServesSeededCards() throws Exception {
        // given
        Process process = java("sandbox", "--port", "0", "--cards", "sample-input/sandbox-cards.csv");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            String base = null;
            while (base == null) {
                String line = out.readLine();
                assertThat(line).as("sandbox stdout ended before the ready line: %s", lines).isNotNull();
                lines.add(line);
                Matcher ready = READY.matcher(line);
                base = ready.matches() ? ready.group(1) : null;
            }

            // when
            Reply reply = SandboxFixture.get(URI.create(base + "/uncash/api/v1/cards/92276658-1e27-41c0-8a6a-63ec24ede6a4"),
                    SandboxFixture.uncashKey());

            // then
            assertThat(lines).first().isEqualTo("SANDBOX — no real money moves");
            assertThat(reply.decimal("/data/balance")).isEqualByComparingTo("861.44");
        } finally {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void exitsWithUsageOnUnknownFlag() throws Exception {
        // given
        Process process = java("sandbox", "--colour", "blue");

        // when
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        // then
        assertThat(exited).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(stderr).contains("unknown flag '--colour'").contains("usage: cardsweep sandbox").doesNotContain("Exception");
    }

    private static Process java(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/cardsweep.jar"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }
}
