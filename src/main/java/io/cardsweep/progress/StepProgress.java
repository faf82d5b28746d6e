package io.cardsweep.progress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

import io.cardsweep.provider.ProviderName;

/**
 * The counts of one step: written by the withdrawal threads (adders, nothing that waits), read by the one thread that
 * tells the progress. Its map of providers is fixed when the step starts, so writers never change its shape.
 */
final class StepProgress {

    private static final class Counts {

        final long total;
        final LongAdder done = new LongAdder();
        /** When the latest outcome came, in the clock's milliseconds: when a provider that is done finished. */
        final LongAccumulator lastOutcome = new LongAccumulator(Math::max, Long.MIN_VALUE);
        final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        final RateWindow rate;

        Counts(long total, RateWindow rate) {
            this.total = total;
            this.rate = rate;
        }
    }

    private final String stage;
    private final Clock clock;
    private final Instant start;
    private final Map<ProviderName, Counts> counts;
    /** Providers whose last line has been told: they are done, and say so once. Reading thread only. */
    private final Set<ProviderName> told = EnumSet.noneOf(ProviderName.class);

    /**
     * @param stage what the step works through, shown after the provider's name; empty for the withdrawals
     * @param totals per provider, the rows the step will handle; providers with none get no line
     * @param window how far back the rate looks
     */
    StepProgress(String stage, Map<ProviderName, Long> totals, Clock clock, Duration window) {
        this.stage = stage;
        this.clock = clock;
        this.start = clock.instant();
        Map<ProviderName, Counts> byProvider = new EnumMap<>(ProviderName.class);
        totals.forEach((provider, total) -> {
            if (total > 0) {
                byProvider.put(provider, new Counts(total, new RateWindow(window, start)));
            }
        });
        this.counts = Collections.unmodifiableMap(byProvider);
    }

    String stage() {
        return stage;
    }

    Set<ProviderName> providers() {
        return counts.keySet();
    }

    /** A row of {@code provider} reached {@code outcome}; called on the withdrawal threads. */
    void record(ProviderName provider, String outcome) {
        Counts of = counts.get(provider);
        if (of == null) {
            return;
        }
        LongAdder adder = of.outcomes.get(outcome);
        if (adder == null) {
            adder = of.outcomes.computeIfAbsent(outcome, any -> new LongAdder());
        }
        adder.increment();
        of.done.increment();
        of.lastOutcome.accumulate(clock.millis());
    }

    /** Where {@code provider} is at {@code now}, its rate taken over the window; for the reading thread. */
    ProviderProgress at(ProviderName provider, Instant now, Map<ProviderName, Instant> nextDue) {
        Counts of = counts.get(provider);
        long done = of.done.sum();
        Map<String, Long> outcomes = new LinkedHashMap<>();
        of.outcomes.forEach((outcome, adder) -> outcomes.put(outcome, adder.sum()));
        Instant due = nextDue.get(provider);
        Duration waiting = due != null && due.isAfter(now) ? Duration.between(now, due) : null;
        // A provider that is done took until its last outcome, not until this tick.
        long last = of.lastOutcome.get();
        Instant until = done >= of.total && last != Long.MIN_VALUE ? Instant.ofEpochMilli(Math.min(last, now.toEpochMilli())) : now;
        return new ProviderProgress(provider, done, of.total, outcomes, of.rate.perSecond(now, done), waiting, Duration.between(start, until));
    }

    /** The lines of a tick: one per provider still working, and a last one for each that finished since the previous tick. */
    List<String> lines(Instant now, Map<ProviderName, Instant> nextDue) {
        List<String> lines = new ArrayList<>();
        for (ProviderName provider : counts.keySet()) {
            if (told.contains(provider)) {
                continue;
            }
            ProviderProgress progress = at(provider, now, nextDue);
            if (progress.complete()) {
                told.add(provider);
            }
            lines.add(ProgressLine.running(stage, progress));
        }
        return lines;
    }

    /** At the end of the step: the last line of each provider not yet told it finished, saying what it did not get to. */
    List<String> lastLines(Instant now) {
        List<String> lines = new ArrayList<>();
        for (ProviderName provider : counts.keySet()) {
            if (told.add(provider)) {
                lines.add(ProgressLine.ended(stage, at(provider, now, Map.of())));
            }
        }
        return lines;
    }

    boolean someWorkLeft() {
        return counts.values().stream().anyMatch(of -> of.done.sum() < of.total);
    }
}
