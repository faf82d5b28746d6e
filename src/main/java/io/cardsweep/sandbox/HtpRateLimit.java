package io.cardsweep.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;

/**
 * HTP's 60 requests a minute, as a rolling window over every endpoint (token requests and status lookups count,
 * which is what makes polling expensive). The sandbox has one client, so one window. Refused requests are not
 * counted: a client that waits out {@code Retry-After} gets through.
 */
final class HtpRateLimit {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final Clock clock;
    private final int perMinute;
    private final Deque<Instant> accepted = new ArrayDeque<>();

    /** @param perMinute 0 turns the limit off */
    HtpRateLimit(Clock clock, int perMinute) {
        this.clock = clock;
        this.perMinute = perMinute;
    }

    /** Empty when the request may proceed (and is counted), else the seconds to wait. */
    synchronized OptionalLong acquire() {
        if (perMinute == 0) {
            return OptionalLong.empty();
        }
        Instant now = clock.instant();
        while (!accepted.isEmpty() && !accepted.peekFirst().plus(WINDOW).isAfter(now)) {
            accepted.removeFirst();
        }
        if (accepted.size() < perMinute) {
            accepted.addLast(now);
            return OptionalLong.empty();
        }
        Duration wait = Duration.between(now, accepted.peekFirst().plus(WINDOW));
        return OptionalLong.of(Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0)));
    }
}
