package io.cardsweep.throttle;

import java.time.Duration;

import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.RequestGate;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider's gate over its bucket in PostgreSQL. A request takes a token only when one is there, and otherwise
 * sleeps until one should be, then asks again, rather than reserving one ahead: a {@link #slowDown} arriving
 * meanwhile (from any process) then also holds back the requests already waiting, and another process may win the
 * token, in which case this one simply waits again.
 */
final class SharedBucketGate implements RequestGate {

    private static final Logger log = LoggerFactory.getLogger(SharedBucketGate.class);

    private final ProviderName provider;
    private final Bucket bucket;
    private final RequestRate rate;
    private final Sleeper sleeper;

    SharedBucketGate(ProviderName provider, Bucket bucket, RequestRate rate, Sleeper sleeper) {
        this.provider = provider;
        this.bucket = bucket;
        this.rate = rate;
        this.sleeper = sleeper;
    }

    @Override
    public void beforeRequest() throws InterruptedException {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        while (!probe.isConsumed()) {
            Duration wait = Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill()));
            log.debug("{} request waits {} for its rate limit ({})", provider, wait, rate);
            sleeper.sleep(wait);
            probe = bucket.tryConsumeAndReturnRemaining(1);
        }
    }

    /**
     * Puts the shared bucket into a debt of {@code retryAfter}'s worth of requests (taking what is left in it first,
     * and nothing when it already owes that much), so no process gets a token before {@code retryAfter} has passed.
     * Bucket4j has no atomic "empty until" operation: reading the balance and then consuming past it are two steps,
     * so two 429s racing may both add their debt, which only waits longer than asked, never shorter.
     */
    @Override
    public void slowDown(Duration retryAfter) {
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            return;
        }
        long debt = rate.requestsIn(retryAfter);
        long toTake = bucket.getAvailableTokens() + debt;
        if (toTake > 0) {
            bucket.consumeIgnoringRateLimits(toTake);
        }
        log.info("{} asked us to retry after {}: its requests are held back that long in every process", provider, retryAfter);
    }

    @Override
    public String toString() {
        return "SharedBucketGate[" + provider + ", " + rate + "]";
    }
}
