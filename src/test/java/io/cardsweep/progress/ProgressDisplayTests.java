package io.cardsweep.progress;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Bars only for a person at a terminal; lines wherever the output is kept or read by a program. */
class ProgressDisplayTests {

    static final Map<String, String> XTERM = Map.of("TERM", "xterm-256color");

    @Test
    void picksLinesWhenTheOutputIsNotATerminal() {
        assertThat(ProgressDisplay.choose(false, XTERM)).isEqualTo(ProgressDisplay.LINES);
    }

    @Test
    void picksLinesForThisTestProcessWhoseOutputIsPiped() {
        // given the test JVM's standard output, piped to the build (no console)
        assumeTrue(System.console() == null, "run from a terminal");

        // when / then
        assertThat(ProgressDisplay.forThisProcess()).isEqualTo(ProgressDisplay.LINES);
    }

    @Test
    void picksBarsForATerminalThatMovesItsCursor() {
        assertThat(ProgressDisplay.choose(true, XTERM)).isEqualTo(ProgressDisplay.BARS);
    }

    @Test
    void picksLinesInAKubernetesPodOrACiJobOrADumbTerminalEvenWithATerminal() {
        assertThat(ProgressDisplay.choose(true, Map.of("TERM", "xterm", "KUBERNETES_SERVICE_HOST", "10.96.0.1"))).isEqualTo(ProgressDisplay.LINES);
        assertThat(ProgressDisplay.choose(true, Map.of("TERM", "xterm", "CI", "true"))).isEqualTo(ProgressDisplay.LINES);
        assertThat(ProgressDisplay.choose(true, Map.of("TERM", "dumb"))).isEqualTo(ProgressDisplay.LINES);
        assertThat(ProgressDisplay.choose(true, Map.of())).isEqualTo(ProgressDisplay.LINES);
    }
}
