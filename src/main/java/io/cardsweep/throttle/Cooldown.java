package io.cardsweep.throttle;

import java.time.Duration;
import java.util.Objects;

/**
 * A provider's minimum time between withdrawal attempts.
 *
 * @param period how long after an attempt the next may start (configure the provider's figure plus a margin
 *        for clock differences and latency, so the provider never sees an attempt early)
 * @param perAccount whether one cooldown covers every card of the account, rather than each card its own
 */
public record Cooldown(Duration period, boolean perAccount) {

    public Cooldown {
        Objects.requireNonNull(period, "period");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a cooldown must be positive, was " + period);
        }
    }

    /** The key the cooldown is kept under for a card. */
    public String scopeKey(String cardId) {
        return perAccount ? "account" : cardId;
    }
}
