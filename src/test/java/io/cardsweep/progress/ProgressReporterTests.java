package io.cardsweep.progress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cardsweep.provider.ProviderName;
import io.cardsweep.support.MutableClock;
import me.tongfei.progressbar.ProgressBarConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The reporter's life around a step: nothing told by a short one, no thread left after one, bars closed at its end. */
class ProgressReporterTests {

    final MutableClock clock = new MutableClock(ProgressLineTests.START);
    final Logger logger = (Logger) LoggerFactory.getLogger("test.progress." + System.nanoTime());
    final ListAppender<ILoggingEvent> told = new ListAppender<>();

    @BeforeEach
    void capture() {
        told.start();
        logger.addAppender(told);
    }

    @AfterEach
    void release() {
        logger.detachAppender(told);
    }

    @Test
    void aStepThatEndsBeforeTheFirstTickTellsNothingAndLeavesNoThread() {
        // given
        ProgressReporter reporter = new ProgressReporter(Duration.ofHours(1), clock, () -> null, logger);

        // when
        reporter.start("", Map.of(ProviderName.PLU, 3L), Map::of);
        assertThat(progressThreads()).hasSize(1);
        reporter.record(ProviderName.PLU, "SUCCEEDED");
        reporter.finish();

        // then
        assertThat(told.list).isEmpty();
        assertThat(progressThreads()).isEmpty();
    }

    @Test
    void startsNoThreadWhenTurnedOffOrWhenTheStepHasNothingToDo() {
        // given
        ProgressReporter off = ProgressReporter.of(new ProgressProperties("off"), clock, ProgressDisplay.LINES);
        ProgressReporter on = new ProgressReporter(Duration.ofSeconds(1), clock, () -> null, logger);

        // when
        off.start("", Map.of(ProviderName.PLU, 3L), Map::of);
        on.start("", Map.of(ProviderName.PLU, 0L), Map::of);

        // then
        assertThat(off.isOn()).isFalse();
        assertThat(on.isOn()).isTrue();
        assertThat(progressThreads()).isEmpty();
        off.finish();
        on.finish();
        assertThat(told.list).isEmpty();
    }

    @Test
    void readsTheIntervalAsADurationOrOff() {
        assertThat(new ProgressProperties("5s").every()).contains(Duration.ofSeconds(5));
        assertThat(new ProgressProperties("300ms").every()).contains(Duration.ofMillis(300));
        assertThat(new ProgressProperties("0").every()).isEmpty();
        assertThat(new ProgressProperties("off").every()).isEmpty();
        assertThat(new ProgressProperties("false").every()).isEmpty(); // YAML's reading of an unquoted off
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ProgressProperties("often"))
                .hasMessage("cardsweep.progress.interval must be a duration such as 5s or 1m, or off, not 'often'");
    }

    @Test
    void drawsABarPerProviderWithCountsAndRateOnlyAndDrawsItsLastStateWhenClosed() {
        // given bars drawn into a list
        List<String> drawn = java.util.Collections.synchronizedList(new ArrayList<>());
        TerminalBars bars = new TerminalBars(() -> new Captured(drawn));

        // when HTP moves on, then completes, and the bars close
        bars.show("", new ProviderProgress(ProviderName.HTP, 12, 40, Map.of("SUCCEEDED", 12L), 2, null, Duration.ofSeconds(6)));
        bars.show("", new ProviderProgress(ProviderName.HTP, 40, 40, Map.of("SUCCEEDED", 40L), 2, null, Duration.ofSeconds(20)));
        bars.close();

        // then its last drawing is the completed bar, and nothing that is not a count, a rate or a name was drawn
        assertThat(drawn).isNotEmpty();
        assertThat(drawn.get(drawn.size() - 1)).startsWith("htp").contains("100%").contains("40/40").endsWith("done");
    }

    @Test
    void barsOnTheConsoleNeverLetTheLibraryOpenATerminalThatWouldTakeCtrlCFromTheGracefulStop() throws Exception {
        // given the console's bar as an interactive run draws it, its width read from the terminal
        ProgressBarConsumer console = TerminalBars.console(TerminalBars.terminalWidth());

        // when the library asks how wide a bar may be, as it does for every drawing
        int width = console.getMaxRenderedLength();

        // then the width is the one given, and the library did not open its own JLine terminal (which resets SIGINT)
        assertThat(width).isGreaterThan(20);
        java.lang.reflect.Field terminal = Class.forName("me.tongfei.progressbar.TerminalUtils").getDeclaredField("terminal");
        terminal.setAccessible(true);
        assertThat(terminal.get(null)).isNull();
    }

    static List<Thread> progressThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().equals(TellingThread.NAME)).toList();
    }

    /** A terminal that keeps what is drawn on it. */
    record Captured(List<String> drawn) implements ProgressBarConsumer {

        @Override
        public int getMaxRenderedLength() {
            return 120;
        }

        @Override
        public void accept(String rendered) {
            drawn.add(rendered);
        }

        @Override
        public void close() {
        }
    }
}
