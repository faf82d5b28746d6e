package io.cardsweep.throttle;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.cardsweep.provider.ProviderName;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cooldowns as ledger data: one row per provider and card (or account), claimed with a single conditional
 * upsert, so two threads or two pods can never both start an attempt inside one cooldown.
 * Time comes from the injected clock, not the database, so tests move it by hand.
 * Each claim commits in a transaction of its own.
 */
public class CooldownStore {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    private final TransactionTemplate joinedTransaction;

    public CooldownStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.joinedTransaction = new TransactionTemplate(transactionManager);
        this.joinedTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_MANDATORY);
    }

    /**
     * Starts a cooldown for an attempt now, if none is running.
     *
     * @return empty when the attempt may go ahead (its cooldown now runs), else when the running cooldown ends
     */
    public Optional<Instant> tryStart(ProviderName provider, String scopeKey, Cooldown cooldown) {
        // Committed on its own, before the call it allows, whatever happens to the chunk around it.
        return ownTransaction.execute(tx -> claim(provider, scopeKey, cooldown));
    }

    /**
     * As {@link #tryStart}, in the caller's transaction (which must exist): the cooldown commits or rolls back with
     * whatever else that transaction does — the claim of the withdrawal it is for.
     */
    public Optional<Instant> tryStartWithin(ProviderName provider, String scopeKey, Cooldown cooldown) {
        return joinedTransaction.execute(tx -> claim(provider, scopeKey, cooldown));
    }

    private Optional<Instant> claim(ProviderName provider, String scopeKey, Cooldown cooldown) {
        Instant now = clock.instant();
        OffsetDateTime until = now.plus(cooldown.period()).atOffset(ZoneOffset.UTC);
        List<Integer> started = jdbc.queryForList("""
                INSERT INTO cooldown (provider, scope_key, available_at) VALUES (?, ?, ?)
                ON CONFLICT (provider, scope_key) DO UPDATE SET available_at = EXCLUDED.available_at
                WHERE cooldown.available_at <= ?
                RETURNING 1
                """, Integer.class, provider.id(), scopeKey, until, now.atOffset(ZoneOffset.UTC));
        if (!started.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(jdbc.queryForObject("SELECT available_at FROM cooldown WHERE provider = ? AND scope_key = ?",
                OffsetDateTime.class, provider.id(), scopeKey).toInstant());
    }
}
