package io.cardsweep.throttle;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;

/**
 * A provider's request-rate limit: at most {@code requests} in each {@code per}, counting every request to the provider.
 *
 * @param requests how many requests may go in a burst, and how many are allowed again each {@code per}
 * @param per the period the provider counts in
 */
public record RequestRate(int requests, Duration per) {

    public RequestRate {
        Objects.requireNonNull(per, "per");
        if (requests <= 0) {
            throw new IllegalArgumentException("a request rate needs at least one request, was " + requests);
        }
        if (per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException("a request rate needs a positive period, was " + per);
        }
    }

    /** As configured in {@code cardsweep.providers.<name>.requests-per-minute}. */
    public static RequestRate perMinute(int requests) {
        return new RequestRate(requests, Duration.ofMinutes(1));
    }

    /** The steady-state time between two requests; longer means slower. */
    Duration interval() {
        return per.dividedBy(requests);
    }

    /**
     * The spacing the gate keeps between two requests: {@link #interval()} plus 1%. Requests so spaced can never put
     * more than {@code requests} into any window of {@code per} as the provider counts it (a sliding window is the
     * strictest reading), even when the network delays one request by up to 1% of {@code per} more than the next.
     * Public for {@code plan}, which estimates a run at the pace its gate keeps.
     */
    public Duration pacedInterval() {
        return interval().multipliedBy(101).dividedBy(100);
    }

    /**
     * How many requests the limit would allow over {@code period}, rounded up, so a debt of that many holds
     * requests back for at least {@code period}. Capped at a day: no provider asks us to wait longer.
     */
    long requestsIn(Duration period) {
        long nanos = Math.min(period.toNanos(), Duration.ofDays(1).toNanos());
        BigInteger[] quotient = BigInteger.valueOf(nanos).multiply(BigInteger.valueOf(requests))
                .divideAndRemainder(BigInteger.valueOf(per.toNanos()));
        return quotient[0].longValueExact() + (quotient[1].signum() > 0 ? 1 : 0);
    }
}
