package io.cardsweep.metrics;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.cardsweep.ledger.RunSummary;
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
     * @param summary the run's rows in the ledger, null when the run never got that far (nothing then said of them)
     * @param lastCompleted when a run of this job (and shard) last completed, this one included; null when none has
     */
    public void ended(int exitCode, @Nullable RunSummary summary, @Nullable Instant lastCompleted) {
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
        if (summary != null) {
            left(summary, WithdrawalStatus.DEFERRED, "cardsweep.withdrawals.deferred", "Withdrawals of this run the ledger holds DEFERRED");
            left(summary, WithdrawalStatus.UNKNOWN, "cardsweep.withdrawals.unknown",
                    "Withdrawals of this run the ledger holds UNKNOWN: they may have executed; reconcile or resolve them");
        }
    }

    /** One gauge per provider, 0 where none is left in {@code status}, so an alert's query always finds its series. */
    private void left(RunSummary summary, WithdrawalStatus status, String name, String description) {
        Map<ProviderName, AtomicLong> counts = waiting.computeIfAbsent(status, s -> new EnumMap<>(ProviderName.class));
        for (ProviderName provider : ProviderName.values()) {
            long count = summary.rows().stream().filter(row -> row.status() == status && row.provider().equals(provider.id()))
                    .mapToLong(RunSummary.Row::count).sum();
            AtomicLong gauge = counts.computeIfAbsent(provider, p -> new AtomicLong());
            gauge.set(count);
            Gauge.builder(name, gauge, AtomicLong::get).description(description).tag("provider", provider.id()).register(registry);
        }
    }
}
