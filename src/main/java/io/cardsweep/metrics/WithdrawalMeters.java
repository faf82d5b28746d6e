package io.cardsweep.metrics;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;

import io.cardsweep.ledger.WithdrawalStatus;
import io.cardsweep.provider.ProviderName;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * What became of withdrawals, told by the code that has just written it to the ledger (and only once the ledger took
 * it), so the counts are the ledger's: {@code cardsweep_withdrawals_total{provider,outcome}} and the sum of their
 * amounts, {@code cardsweep_withdrawal_amount_total{provider,outcome,currency}}. The sums are kept as {@link BigDecimal}
 * and become a {@code double} only when the registry reads them, so no rounding accumulates run after run.
 */
public final class WithdrawalMeters {

    /** The provider label of a rejected row that named no provider cardsweep knows: its text could be anything. */
    static final String INVALID_PROVIDER = "invalid";

    private final MeterRegistry registry;
    private final ConcurrentMap<AmountKey, AtomicReference<BigDecimal>> sums = new ConcurrentHashMap<>();

    public WithdrawalMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * One withdrawal this process left in {@code status}, by a call or without one. A withdrawal DEFERRED is not counted:
     * it has not ended (the deferred step may defer it again, or send it), and the gauge of the job's deferred withdrawals
     * says how many wait; it is counted once, in the state it ends in.
     *
     * @param amount what the ledger row carries for it, null when it carries none (a full balance never sent)
     */
    public void recorded(ProviderName provider, WithdrawalStatus status, String currency, @Nullable BigDecimal amount) {
        if (status == WithdrawalStatus.DEFERRED) {
            return;
        }
        Quietly.update(() -> count(provider.id(), status, currency, amount));
    }

    /** A row the load step wrote as REJECTED or DUPLICATE; such a row carries no amount. */
    public void refused(@Nullable String provider, WithdrawalStatus status) {
        Quietly.update(() -> count(provider == null ? INVALID_PROVIDER : ProviderName.fromId(provider).map(ProviderName::id).orElse(INVALID_PROVIDER),
                status, null, null));
    }

    private void count(String provider, WithdrawalStatus status, @Nullable String currency, @Nullable BigDecimal amount) {
        String outcome = status.name().toLowerCase(Locale.ROOT);
        Counter.builder("cardsweep.withdrawals")
                .description("Withdrawals this run's process brought to an end, by the state the ledger recorded")
                .tag("provider", provider)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
        if (amount != null && currency != null) {
            sums.computeIfAbsent(new AmountKey(provider, outcome, currency), this::sum).accumulateAndGet(amount, BigDecimal::add);
        }
    }

    private AtomicReference<BigDecimal> sum(AmountKey key) {
        AtomicReference<BigDecimal> sum = new AtomicReference<>(BigDecimal.ZERO);
        FunctionCounter.builder("cardsweep.withdrawal.amount", sum, total -> total.get().doubleValue())
                .description("Sum of the amounts of those withdrawals, per currency")
                .tag("provider", key.provider())
                .tag("outcome", key.outcome())
                .tag("currency", key.currency())
                .register(registry);
        return sum;
    }

    private record AmountKey(String provider, String outcome, String currency) {
    }
}
