package io.cardsweep.throttle;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

import javax.sql.DataSource;

import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.RequestGate;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;

/**
 * Per-provider request-rate limits (HTP: 60 a minute) shared by every process on the same database: each provider's
 * token bucket is a row of {@code rate_limit_bucket}, read and written under {@code SELECT … FOR UPDATE} in a
 * transaction of its own, so two pods draw from one budget.
 * <p>
 * Why these choices: row locks rather than Bucket4j's advisory-lock variant, whose lock ids share one namespace with
 * every other advisory lock in the database (Flyway takes one); the provider id as the key, readable in the table;
 * a bucket of one token refilled every {@link RequestRate#pacedInterval()}, so requests go evenly spaced and never
 * in a burst. A provider counting in a sliding window (HTP) then never sees more than its limit in any window, and a
 * steady run gets about 99% of it. A bucket holding the whole minute's budget would let a burst plus the refill
 * through — up to twice the limit in one sliding minute.
 */
public final class RequestRateLimits {

    private final ProxyManager<String> buckets;
    private final Map<ProviderName, RequestRate> rates;
    private final Sleeper sleeper;
    private final Clock clock;

    /** Waits by sleeping; time from {@code clock}, which should be the wall clock every process shares. */
    public RequestRateLimits(DataSource dataSource, Clock clock, Map<ProviderName, RequestRate> rates) {
        this(dataSource, clock, rates, Sleeper.REAL);
    }

    RequestRateLimits(DataSource dataSource, Clock clock, Map<ProviderName, RequestRate> rates, Sleeper sleeper) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket")
                .idColumn("id")
                .stateColumn("state")
                .clientClock(new ClockTimeMeter(clock))
                .build();
        this.rates = rates.isEmpty() ? Map.of() : new EnumMap<>(rates);
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /**
     * The gate {@code provider}'s requests pass: its shared bucket when it has a rate, else a gate that lets every
     * request go at once except while a 429's {@code Retry-After} runs.
     */
    public RequestGate gateFor(ProviderName provider) {
        RequestRate rate = rates.get(provider);
        if (rate == null) {
            return new HoldingGate(provider, clock, sleeper);
        }
        return new SharedBucketGate(provider, bucketOf(provider, rate), rate, sleeper);
    }

    /**
     * The version of an evenly paced bucket: above every version of the earlier burst buckets (which were plain
     * intervals, far below this), so a ledger that has one is moved to pacing by the first process that starts.
     */
    static final long PACED = 10_000_000_000_000L;

    /**
     * A process configured with a slower rate than the one stored replaces it (its version, {@link #PACED} plus the
     * interval between requests, is higher); one configured faster keeps the stored one, so processes that disagree
     * keep the slowest, and raising a limit takes effect once its row is deleted.
     */
    private BucketProxy bucketOf(ProviderName provider, RequestRate rate) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(1).refillGreedy(1, rate.pacedInterval()))
                .build();
        return buckets.builder()
                .withImplicitConfigurationReplacement(PACED + rate.pacedInterval().toNanos(), TokensInheritanceStrategy.AS_IS)
                .build(provider.id(), () -> configuration);
    }

    @Override
    public String toString() {
        return "RequestRateLimits" + rates;
    }
}
