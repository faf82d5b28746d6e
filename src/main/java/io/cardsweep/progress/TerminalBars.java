package io.cardsweep.progress;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

import io.cardsweep.provider.ProviderName;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * One bar per provider on the terminal (me.tongfei:progressbar, which draws them from a thread of its own). A bar shows
 * the provider's name, counts, the rate and the ETA: nothing of a card. Closing draws each bar once more, complete or not,
 * and lets go of the terminal, before anything else (the run's summary) is printed below them.
 */
final class TerminalBars implements AutoCloseable {

    private static final int REDRAW_MILLIS = 500;
    /** Where the terminal does not say how wide it is. */
    private static final int FALLBACK_WIDTH = 100;

    private final Supplier<ProgressBarConsumer> consumers;
    private final Map<ProviderName, ProgressBar> bars = new EnumMap<>(ProviderName.class);

    /** @param consumers a new consumer for each bar: where it is drawn */
    TerminalBars(Supplier<ProgressBarConsumer> consumers) {
        this.consumers = consumers;
    }

    /** Bars on standard output, stacked, each redrawn in place (the terminal moves its cursor). */
    static TerminalBars onStandardOutput() {
        int width = terminalWidth();
        return new TerminalBars(() -> console(width));
    }

    /** A bar on standard output, {@code width} characters at most. */
    static ProgressBarConsumer console(int width) {
        return new InteractiveConsoleProgressBarConsumer(System.out, width);
    }

    /**
     * The terminal's width, read by a JLine terminal that leaves the process's signals alone. Given no width, the library
     * opens a JLine terminal of its own, which takes SIGINT over (JLine's native signals, on by default since 3.24): a
     * Ctrl-C would then end the JVM without its shutdown hooks, so without the graceful stop that records the
     * withdrawals in flight (see cli/GracefulStop).
     */
    static int terminalWidth() {
        try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).nativeSignals(false).build()) {
            int width = terminal.getWidth();
            return width > 20 ? width - 1 : FALLBACK_WIDTH;
        }
        catch (IOException | RuntimeException ex) {
            return FALLBACK_WIDTH;
        }
    }

    /** Opens the provider's bar the first time, then moves it on. */
    synchronized void show(String stage, ProviderProgress progress) {
        ProgressBar bar = bars.computeIfAbsent(progress.provider(), provider -> new ProgressBarBuilder()
                .setTaskName(String.format("%-7s", provider.id()) + (stage.isEmpty() ? "" : " " + stage))
                .setInitialMax(progress.total())
                .startsFrom(0, progress.elapsed()) // its clock counts from the step's start, not from the first tick
                .setStyle(ProgressBarStyle.UNICODE_BLOCK)
                .setUpdateIntervalMillis(REDRAW_MILLIS)
                .continuousUpdate()
                .hideEta()
                .setConsumer(consumers.get())
                .build());
        bar.stepTo(Math.min(progress.done(), progress.total()));
        bar.setExtraMessage(ProgressLine.besideBar(progress));
    }

    @Override
    public synchronized void close() {
        bars.values().forEach(ProgressBar::close);
        bars.clear();
    }
}
