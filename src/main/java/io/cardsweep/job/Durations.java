package io.cardsweep.job;

import java.time.Duration;

/** Durations as a person reads them on a console: "12.3 s", "14 min 5 s", "2 h 3 min". */
public final class Durations {

    private Durations() {
    }

    public static String brief(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 60_000) {
            return String.format("%.1f s", millis / 1000.0);
        }
        if (millis < 3_600_000) {
            return String.format("%d min %d s", millis / 60_000, (millis / 1000) % 60);
        }
        return String.format("%d h %d min", millis / 3_600_000, (millis / 60_000) % 60);
    }
}
