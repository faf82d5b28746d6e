package io.cardsweep.progress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

import io.cardsweep.provider.ProviderName;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells how far each provider has got in a long step, every interval: a line per provider still working, to the
 * {@code cardsweep.progress} log (standard output and the log file), or in a terminal a bar per provider, the lines
 * then going to the log file alone. Fed at the points where a row reaches its outcome ({@link #record}: a few adders, no
 * lock, no query); one daemon thread per step does the telling, and is gone when the step ends ({@link #finish}). A step
 * that ends before the first interval has passed tells nothing.
 */
public final class ProgressReporter implements AutoCloseable {

    /** The outcome of a row another attempt had already taken past where this one found it: nothing was sent for it. */
    public static final String ALREADY_HANDLED = "ALREADY_HANDLED";

    private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);
    private static final Duration SHORTEST_WINDOW = Duration.ofSeconds(30);
    private static final Duration BAR_REDRAW = Duration.ofSeconds(1);

    private final @Nullable Duration interval;
    private final Clock clock;
    private final Supplier<@Nullable TerminalBars> bars;
    private final Logger lines;

    private volatile @Nullable StepProgress step;
    private @Nullable TellingThread ticker;
    private @Nullable TerminalBars shown;
    private Supplier<Map<ProviderName, Instant>> nextDue = Map::of;
    /** What the last tick learnt of the rows waiting, for the bars drawn between ticks. */
    private volatile Map<ProviderName, Instant> lastDue = Map.of();
    /** Whether a tick has come in this step: until then, nothing is shown. */
    private volatile boolean told;

    /**
     * @param interval how often to tell, or null for never
     * @param bars the bars of a step, drawn instead of lines on standard output; null for lines
     * @param lines where the lines go
     */
    ProgressReporter(@Nullable Duration interval, Clock clock, Supplier<@Nullable TerminalBars> bars, Logger lines) {
        this.interval = interval;
        this.clock = clock;
        this.bars = bars;
        this.lines = lines;
    }

    /** As the settings and this process's output ask: bars at a terminal, lines elsewhere. */
    public static ProgressReporter of(ProgressProperties settings, Clock clock, ProgressDisplay display) {
        Duration every = settings.every().orElse(null);
        if (display == ProgressDisplay.BARS) {
            return new ProgressReporter(every, clock, TerminalBars::onStandardOutput, LoggerFactory.getLogger("cardsweep.progress.file"));
        }
        return new ProgressReporter(every, clock, () -> null, LoggerFactory.getLogger("cardsweep.progress"));
    }

    /** Whether progress is told at all: off, a step need not count what it has to do. */
    public boolean isOn() {
        return interval != null;
    }

    /**
     * A step starts: from now on its rows' outcomes are counted against {@code totals}.
     *
     * @param stage what the step works through, shown after the provider's name; empty for the withdrawals
     * @param totals per provider, the rows the step will handle
     * @param nextDue per provider, when the first of its waiting rows comes due: asked once a tick, so it must be cheap
     */
    public synchronized void start(String stage, Map<ProviderName, Long> totals, Supplier<Map<ProviderName, Instant>> nextDue) {
        finish();
        if (interval == null) {
            return;
        }
        Duration window = interval.multipliedBy(2).compareTo(SHORTEST_WINDOW) > 0 ? interval.multipliedBy(2) : SHORTEST_WINDOW;
        StepProgress started = new StepProgress(stage, totals, clock, window);
        if (started.providers().isEmpty()) {
            return;
        }
        this.nextDue = nextDue;
        this.lastDue = Map.of();
        this.told = false;
        this.step = started;
        TellingThread thread = new TellingThread();
        thread.every(interval.toMillis(), () -> tick(started));
        TerminalBars drawn = bars.get();
        if (drawn != null) {
            this.shown = drawn;
            thread.every(Math.min(interval.toMillis(), BAR_REDRAW.toMillis()), () -> redraw(started, drawn));
        }
        this.ticker = thread;
    }

    /** A row of {@code provider} reached {@code outcome} (its state as the ledger names it), or null when already handled. */
    public void record(ProviderName provider, @Nullable String outcome) {
        StepProgress current = step;
        if (current != null) {
            current.record(provider, outcome == null ? ALREADY_HANDLED : outcome);
        }
    }

    /**
     * The step ended: the telling thread stops (waiting for a tick under way), the bars are drawn a last time and closed,
     * and if anything was told, each provider gets a last line. Nothing is told after this returns.
     */
    public synchronized void finish() {
        StepProgress ended = step;
        step = null;
        TellingThread thread = ticker;
        ticker = null;
        if (thread != null) {
            thread.end();
        }
        TerminalBars drawn = shown;
        shown = null;
        if (drawn != null) {
            if (ended != null && told) {
                Instant now = clock.instant();
                ended.providers().forEach(provider -> drawn.show(ended.stage(), ended.at(provider, now, Map.of())));
            }
            drawn.close();
        }
        if (ended != null && told) {
            ended.lastLines(clock.instant()).forEach(lines::info);
        }
    }

    @Override
    public void close() {
        finish();
    }

    private void tick(StepProgress current) {
        try {
            Instant now = clock.instant();
            Map<ProviderName, Instant> due = current.someWorkLeft() ? nextDue.get() : Map.of();
            lastDue = due;
            told = true;
            current.lines(now, due).forEach(lines::info);
        }
        catch (RuntimeException ex) {
            // Progress is a courtesy: a failed look-up (the database briefly gone) costs a line, never the run.
            log.debug("progress not told this time", ex);
        }
    }

    private void redraw(StepProgress current, TerminalBars drawn) {
        if (!told) {
            return;
        }
        try {
            Instant now = clock.instant();
            Map<ProviderName, Instant> due = lastDue;
            current.providers().forEach(provider -> drawn.show(current.stage(), current.at(provider, now, due)));
        }
        catch (RuntimeException ex) {
            log.debug("progress bars not drawn this time", ex);
        }
    }
}
