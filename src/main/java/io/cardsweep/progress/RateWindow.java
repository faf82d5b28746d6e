package io.cardsweep.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How fast rows get done lately: over the last {@code span} rather than since the step began, so that a provider that
 * slowed down (a rate limit, a cooldown) or sped up shows it, and its ETA follows. Used by one thread at a time.
 */
final class RateWindow {

    private record Sample(Instant at, long done) {
    }

    private final Duration span;
    private final Deque<Sample> samples = new ArrayDeque<>();

    /** @param start when counting began, with nothing done */
    RateWindow(Duration span, Instant start) {
        if (span.isNegative() || span.isZero()) {
            throw new IllegalArgumentException("a rate needs a window longer than zero, not " + span);
        }
        this.span = span;
        samples.add(new Sample(start, 0));
    }

    /** Takes {@code done} as counted at {@code now}, and says how many a second were done over the window up to it. */
    double perSecond(Instant now, long done) {
        while (samples.size() > 1 && samples.peekFirst().at().isBefore(now.minus(span))) {
            samples.removeFirst();
        }
        Sample oldest = samples.peekFirst();
        samples.addLast(new Sample(now, done));
        long millis = Duration.between(oldest.at(), now).toMillis();
        return millis <= 0 ? 0 : Math.max(0, done - oldest.done()) * 1000.0 / millis;
    }
}
