package io.cardsweep.progress;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The words of a progress line, e.g.
 * {@code progress htp: 1,234/5,000 done (24.7%), 20.3/s, ETA 3 min 5 s — 1,200 succeeded, 30 declined, 4 deferred}.
 * Counts and the provider's name only: nothing about a single card ever appears in one.
 */
final class ProgressLine {

    /** Outcomes in the order a reader looks for them; any other after them, alphabetically. */
    private static final List<String> ORDER = List.of("SUCCEEDED", "DECLINED", "DEFERRED", "UNKNOWN", "FAILED", "NOTHING_TO_RECLAIM",
            "BY_TERMINATION", "TERMINATED", "ALREADY_TERMINATED", "SKIPPED", ProgressReporter.ALREADY_HANDLED);

    private ProgressLine() {
    }

    /**
     * While the step runs: done of total, the recent rate, and when the provider should be done — or, when what it has
     * left waits for a cooldown or a rate limit, when the next of it comes due. Once it is done: how long it took.
     *
     * @param stage what the step works through, after the provider's name ("deferred"), or empty for the withdrawals
     */
    static String running(String stage, ProviderProgress progress) {
        if (progress.complete()) {
            return ended(stage, progress);
        }
        return head(stage, progress) + ", " + pace(progress) + outcomes(progress.outcomes());
    }

    private static String pace(ProviderProgress progress) {
        Duration waiting = progress.waitingFor();
        return rate(progress.perSecond()) + ", " + (waiting != null ? "waiting for a cooldown or rate limit, next due in " + span(waiting)
                : eta(progress.remaining(), progress.perSecond()));
    }

    /** At the end of the step: how long it took, on average how fast, and what it did not get to. */
    static String ended(String stage, ProviderProgress progress) {
        double seconds = progress.elapsed().toMillis() / 1000.0;
        String average = rate(seconds <= 0 ? 0 : progress.done() / seconds);
        String left = progress.complete() ? "" : "; " + count(progress.remaining()) + " not done in this step";
        return head(stage, progress) + " in " + span(progress.elapsed()) + ", " + average + left + outcomes(progress.outcomes());
    }

    /** What a bar shows beside itself, short enough for a terminal's width: the rate and the ETA or the wait. */
    static String besideBar(ProviderProgress progress) {
        return progress.complete() ? "done" : pace(progress);
    }

    private static String head(String stage, ProviderProgress progress) {
        return "progress " + progress.provider().id() + (stage.isEmpty() ? "" : " " + stage) + ": " + count(progress.done()) + "/"
                + count(progress.total()) + " done (" + percent(progress.done(), progress.total()) + ")";
    }

    /** To a tenth, but never 100% before all of it is done. */
    static String percent(long done, long total) {
        if (total == 0 || done >= total) {
            return "100.0%";
        }
        return String.format(Locale.ROOT, "%.1f%%", Math.min(99.9, Math.round(1000.0 * done / total) / 10.0));
    }

    /** Per second, or per minute below one a second, where "0.3/s" would say less. */
    static String rate(double perSecond) {
        if (perSecond > 0 && perSecond < 1) {
            return String.format(Locale.ROOT, "%.1f/min", perSecond * 60);
        }
        return String.format(Locale.ROOT, "%.1f/s", perSecond);
    }

    static String eta(long remaining, double perSecond) {
        if (remaining == 0) {
            return "ETA 0 s";
        }
        if (perSecond <= 0) {
            return "ETA unknown";
        }
        double seconds = remaining / perSecond;
        return seconds > Duration.ofDays(365).toSeconds() ? "ETA unknown" : "ETA " + span(Duration.ofMillis((long) Math.ceil(seconds * 1000)));
    }

    /** Whole seconds, rounded up: "45 s", "3 min 5 s", "2 h 3 min". Tenths would be false precision in a forecast. */
    static String span(Duration duration) {
        long seconds = Math.max(0, (duration.toMillis() + 999) / 1000);
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + (seconds / 60) % 60 + " min";
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String outcomes(Map<String, Long> outcomes) {
        String listed = outcomes.entrySet().stream().filter(outcome -> outcome.getValue() > 0)
                .sorted(Comparator.comparingInt((Map.Entry<String, Long> outcome) -> rank(outcome.getKey())).thenComparing(Map.Entry::getKey))
                .map(outcome -> count(outcome.getValue()) + " " + outcome.getKey().toLowerCase(Locale.ROOT).replace('_', ' '))
                .collect(Collectors.joining(", "));
        return listed.isEmpty() ? "" : " — " + listed;
    }

    private static int rank(String outcome) {
        int rank = ORDER.indexOf(outcome);
        return rank < 0 ? ORDER.size() : rank;
    }
}
