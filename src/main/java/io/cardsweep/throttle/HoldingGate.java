package io.cardsweep.throttle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.RequestGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate of a provider without a configured request rate: requests go at once, except after the provider answered
 * 429, when every request of this process to it waits out the {@code Retry-After} first — for at most
 * {@link #LONGEST_HOLD}: the requests held are of withdrawals already claimed, and a longer wait would outlast a
 * graceful stop. Past it a request goes, and a provider still refusing defers that withdrawal for as long as it asks.
 * (A provider with a configured rate has a {@link SharedBucketGate}, whose hold is shared by every process.)
 */
final class HoldingGate implements RequestGate {

    private static final Logger log = LoggerFactory.getLogger(HoldingGate.class);

    static final Duration LONGEST_HOLD = Duration.ofSeconds(30);

    private final ProviderName provider;
    private final Clock clock;
    private final Sleeper sleeper;
    /** Written under the lock, read without it: most requests only check that no hold is running. */
    private volatile Instant heldUntil = Instant.EPOCH;

    HoldingGate(ProviderName provider, Clock clock, Sleeper sleeper) {
        this.provider = provider;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public void beforeRequest() throws InterruptedException {
        while (true) {
            Instant now = clock.instant();
            Instant until = heldUntil;
            if (!until.isAfter(now)) {
                return;
            }
            sleeper.sleep(Duration.between(now, until));
        }
    }

    /** Holds requests until {@code retryAfter} from now; a shorter hold than one already running changes nothing. */
    @Override
    public synchronized void slowDown(Duration retryAfter) {
        Instant until = clock.instant().plus(retryAfter.compareTo(LONGEST_HOLD) > 0 ? LONGEST_HOLD : retryAfter);
        if (until.isAfter(heldUntil)) {
            heldUntil = until;
            log.info("{} asked us to retry after {}: its requests from this process are held back that long", provider, retryAfter);
        }
    }
}
