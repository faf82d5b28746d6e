package io.cardsweep.progress;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.cardsweep.provider.ProviderName;
import org.jspecify.annotations.Nullable;

/**
 * One provider's part of a step at one moment: what its progress line and its bar show.
 *
 * @param done rows that reached an outcome in this step
 * @param total rows the step had for the provider when it started
 * @param outcomes how many rows ended how, by outcome as the ledger names it ({@code SUCCEEDED}, {@code TERMINATED})
 * @param perSecond rows done a second over the last little while
 * @param waitingFor how long until the provider's next row comes due, when all it has left waits for a cooldown or a rate
 *        limit; null when it is not waiting
 * @param elapsed since the step started
 */
public record ProviderProgress(ProviderName provider, long done, long total, Map<String, Long> outcomes, double perSecond,
        @Nullable Duration waitingFor, Duration elapsed) {

    public ProviderProgress {
        if (done < 0 || total < 0) {
            throw new IllegalArgumentException("done and total are counts, not " + done + " and " + total);
        }
        if (perSecond < 0 || Double.isNaN(perSecond)) {
            throw new IllegalArgumentException("a rate is never negative: " + perSecond);
        }
        outcomes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
    }

    long remaining() {
        return Math.max(0, total - done);
    }

    boolean complete() {
        return done >= total;
    }
}
