package io.cardsweep.throttle;

import java.time.Clock;
import java.time.Instant;

import io.github.bucket4j.TimeMeter;

/**
 * Bucket4j's time taken from the application's {@link Clock}: wall-clock time, since buckets shared through
 * PostgreSQL are refilled by whichever process touches them next (a JVM's nano time means nothing to another),
 * and a clock tests move by hand.
 */
record ClockTimeMeter(Clock clock) implements TimeMeter {

    @Override
    public long currentTimeNanos() {
        Instant now = clock.instant();
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
