package io.cardsweep.metrics;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.cardsweep.ledger.WithdrawalStatus;
import io.cardsweep.provider.ProviderName;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * How the run ended, set once its outcome is known and just before the push: its exit code, when a run of this job
 * last completed, and how many of its withdrawals the ledger holds DEFERRED or UNKNOWN — what an operator is paged for.
 */
public final class RunMeters {

    private final MeterRegistry registry;
    private final AtomicLong exitCode = new AtomicLong();
    private final AtomicLong lastCompleted = new AtomicLong();
    private final Map<WithdrawalStatus, Map<ProviderName, AtomicLong>> waiting = new EnumMap<>(WithdrawalStatus.class);

    public RunMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param outstanding per provider, how many of the job's withdrawals — of every run and shard — the ledger holds
     *        DEFERRED and UNKNOWN now; null when the ledger could not say (nothing then said of them)
     * @param lastCompleted when a run of this job (and shard) last completed, this one included; null when none has
     */
    public void ended(int exitCode, @Nullable Map<ProviderName, Map<WithdrawalStatus, Long>> outstanding, @Nullable Instant lastCompleted) {
        this.exitCode.set(exitCode);
        Gauge.builder("cardsweep.run.exit.code", this.exitCode, AtomicLong::get)
                .description("The run's exit code: 0 done, 3 items need attention, 1 failed, 2 usage, 4 already running, 5 stopped")
                .register(registry);
        if (lastCompleted != null) {
            this.lastCompleted.set(lastCompleted.getEpochSecond());
            Gauge.builder("cardsweep.run.last.success.timestamp", this.lastCompleted, AtomicLong::get)
                    .description("When a run of this job last completed (exit 0 or 3), as the job repository records it")
                    .baseUnit("seconds")
                    .register(registry);
        }
        if (outstanding != null) {
            left(outstanding, WithdrawalStatus.DEFERRED, "cardsweep.withdrawals.deferred", "The job's withdrawals the ledger holds DEFERRED");
            left(outstanding, WithdrawalStatus.UNKNOWN, "cardsweep.withdrawals.unknown",
                    "The job's withdrawals the ledger holds UNKNOWN: they may have executed; reconcile or resolve them");
        }
    }

    /**
     * One gauge per provider, 0 where none is left in {@code status}, so an alert's query always finds its series. The
     * job's, not only this run's: a withdrawal left in doubt last night stays in the gauge until it is settled, though
     * tonight's push replaces last night's.
     */
    private void left(Map<ProviderName, Map<WithdrawalStatus, Long>> outstanding, WithdrawalStatus status, String name, String description) {
        Map<ProviderName, AtomicLong> counts = waiting.computeIfAbsent(status, s -> new EnumMap<>(ProviderName.class));
        for (ProviderName provider : ProviderName.values()) {
            long count = outstanding.getOrDefault(provider, Map.of()).getOrDefault(status, 0L);
            AtomicLong gauge = counts.computeIfAbsent(provider, p -> new AtomicLong());
            gauge.set(count);
            Gauge.builder(name, gauge, AtomicLong::get).description(description).tag("provider", provider.id()).register(registry);
        }
    }
}
