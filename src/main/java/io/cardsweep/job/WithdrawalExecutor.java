package io.cardsweep.job;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.TimeUnit;

import io.cardsweep.ledger.PendingWithdrawal;
import io.cardsweep.ledger.WithdrawalLedger;
import io.cardsweep.ledger.WithdrawalStatus;
import io.cardsweep.provider.CardBalances;
import io.cardsweep.provider.CardMask;
import io.cardsweep.provider.ProviderFatalException;
import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.ProviderRegistry;
import io.cardsweep.provider.WithdrawalOutcome;
import io.cardsweep.provider.WithdrawalProvider;
import io.cardsweep.throttle.Cooldown;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * The exactly-once protocol for one row: claim it ({@code READY|DEFERRED → IN_FLIGHT}) together with the provider's
 * cooldown, committed (deferring the row, unsent, while a cooldown runs), call the
 * provider, record the outcome (committed). A row that cannot be claimed was handled by an earlier
 * attempt and is never sent. Only failures that provably did not execute are sent again, with
 * backoff; a fatal condition releases the claim (nothing executed) and stops the run: once a provider's withdrawals
 * fail in an execution, nothing more is sent to it in that execution ({@link ProviderHalts}).
 */
class WithdrawalExecutor {

    private static final Logger log = LoggerFactory.getLogger(WithdrawalExecutor.class);

    private final WithdrawalLedger ledger;
    private final ProviderRegistry providers;
    private final RetryTemplate retryTemplate;
    private final Map<ProviderName, Cooldown> cooldowns;
    private final Map<ProviderName, Semaphore> inFlight;
    private final ProviderConcurrency concurrency;
    private final ProviderHalts halts = new ProviderHalts();
    /** Striped by provider and card: the withdrawals of one card never overlap from their balance read on. */
    private final ReentrantLock[] cardLocks = new ReentrantLock[256];
    private final Clock clock;

    WithdrawalExecutor(WithdrawalLedger ledger, ProviderRegistry providers, RetryPolicy retryPolicy, Map<ProviderName, Cooldown> cooldowns,
            ProviderConcurrency concurrency, Clock clock) {
        for (int i = 0; i < cardLocks.length; i++) {
            cardLocks[i] = new ReentrantLock();
        }
        this.inFlight = concurrency.permits();
        this.concurrency = concurrency;
        this.ledger = ledger;
        this.providers = providers;
        this.retryTemplate = new RetryTemplate(retryPolicy);
        this.cooldowns = Map.copyOf(cooldowns);
        this.clock = clock;
    }

    static RetryPolicy retryPolicy(JobDefinition.Retry retry) {
        return RetryPolicy.builder()
                .includes(NotExecuted.class)
                .maxRetries(retry.maxRetries())
                .delay(retry.initialBackoff())
                .multiplier(2)
                .maxDelay(retry.maxBackoff())
                .jitter(retry.initialBackoff().dividedBy(2))
                .build();
    }

    /**
     * Runs on the withdrawal threads; a provider's concurrency cap is held from the claim to the outcome (a card's
     * balance is read before, outside it).
     */
    @Nullable ExecutedWithdrawal execute(PendingWithdrawal row, long jobExecutionId) throws InterruptedException {
        halts.check(jobExecutionId, row.provider());
        if (!(providers.get(row.provider()) instanceof CardBalances balances && balances.readBeforeEachWithdrawal())) {
            return executeInTurn(row, jobExecutionId, null);
        }
        // From the balance read to the outcome, this card's withdrawals in this process go one at a time, so that the
        // balance kept with a claim is the card's balance just before that withdrawal and no other.
        ReentrantLock card = cardLocks[Math.floorMod((row.provider().id() + ' ' + row.cardId()).hashCode(), cardLocks.length)];
        card.lockInterruptibly();
        try {
            // Read before taking a turn, so that reads overlap the withdrawals in flight instead of queueing with them.
            @Nullable BigDecimal balanceBefore;
            try {
                balanceBefore = balances.balance(row.cardId(), row.sealedCardNumber()).balance();
            }
            catch (RuntimeException ex) {
                halts.halt(jobExecutionId, row.provider(), ex);
                throw ex;
            }
            return executeInTurn(row, jobExecutionId, balanceBefore);
        }
        finally {
            card.unlock();
        }
    }

    private @Nullable ExecutedWithdrawal executeInTurn(PendingWithdrawal row, long jobExecutionId, @Nullable BigDecimal balanceBefore)
            throws InterruptedException {
        Semaphore permits = inFlight.get(row.provider());
        permits.acquire();
        try {
            // Checked again: a failure may have come while this one waited for its turn.
            halts.check(jobExecutionId, row.provider());
            return executeWithinCap(row, jobExecutionId, balanceBefore);
        }
        catch (RuntimeException ex) {
            // Halted before the turn is handed on, so the next in line sees it.
            halts.halt(jobExecutionId, row.provider(), ex);
            throw ex;
        }
        finally {
            permits.release();
        }
    }

    /**
     * After a provider's partition ended without completing: nothing more is sent to it in this execution, and the
     * withdrawals already being sent are waited for, so each is recorded (or released) before the run reports and
     * its process ends, none left IN_FLIGHT to be taken for a withdrawal in doubt.
     *
     * @return false when some were still being sent after {@code timeout}
     */
    boolean settle(long jobExecutionId, ProviderName provider, Duration timeout) throws InterruptedException {
        halts.halt(jobExecutionId, provider, new IllegalStateException("the " + provider + " partition did not complete"));
        int all = concurrency.of(provider);
        Semaphore permits = inFlight.get(provider);
        if (!permits.tryAcquire(all, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        permits.release(all);
        return true;
    }

    private @Nullable ExecutedWithdrawal executeWithinCap(PendingWithdrawal row, long jobExecutionId, @Nullable BigDecimal balanceBefore) {
        Cooldown cooldown = cooldowns.get(row.provider());
        WithdrawalProvider provider = providers.get(row.provider());
        // A cooldown starts with the claim, in one statement: no attempt without its cooldown, no cooldown without its attempt.
        Instant now = clock.instant();
        WithdrawalLedger.CooldownStart cooldownStart = cooldown == null ? null
                : new WithdrawalLedger.CooldownStart(row.provider().id(), cooldown.scopeKey(row.cardId()), now.plus(cooldown.period()));
        WithdrawalLedger.Claim claim = ledger.claim(row.id(), jobExecutionId, row.status(), now, cooldownStart, balanceBefore);
        if (claim.busyUntil() != null) {
            Instant busyUntil = claim.busyUntil();
            boolean deferred = ledger.deferUnsent(row.id(), jobExecutionId, row.status(), busyUntil, "COOLDOWN",
                    "not sent: " + row.provider() + " allows one withdrawal per " + (cooldown.perAccount() ? "account" : "card")
                            + " every " + cooldown.period().toMinutes() + " min; next from " + busyUntil);
            return deferred ? new ExecutedWithdrawal(row.id(), WithdrawalStatus.DEFERRED) : null;
        }
        if (!claim.claimed()) {
            log.debug("{} {} already past READY; not sent again", row.provider(), row.instructionId());
            return null;
        }
        WithdrawalOutcome outcome;
        try {
            outcome = callWithRetries(provider, row, jobExecutionId);
        }
        catch (ProviderFatalException ex) {
            ledger.release(row.id(), jobExecutionId, row.status(), "not sent: " + ex.getMessage(), cooldownStart);
            throw ex;
        }
        catch (RuntimeException ex) {
            ledger.recordOutcome(row.id(), jobExecutionId,
                    new WithdrawalOutcome.Unknown("INTERNAL_ERROR", "cardsweep failed while sending: " + ex.getClass().getSimpleName()),
                    clock.instant());
            throw ex;
        }
        // Logged before it is written: if the write fails, the provider's answer is still on record.
        log.info("{} {} card {} amount {} {}: {} {}", row.provider(), row.instructionId(), CardMask.mask(row.cardId()),
                row.amount().toPlainString(), row.currency(), outcome.code(), outcome.message());
        WithdrawalStatus status = ledger.recordOutcome(row.id(), jobExecutionId, outcome, clock.instant());
        return new ExecutedWithdrawal(row.id(), status);
    }

    private WithdrawalOutcome callWithRetries(WithdrawalProvider provider, PendingWithdrawal row, long jobExecutionId) {
        WithdrawalOutcome.Failed[] previous = new WithdrawalOutcome.Failed[1];
        try {
            return retryTemplate.execute(() -> {
                if (previous[0] != null) {
                    ledger.recordRetry(row.id(), jobExecutionId, previous[0]);
                }
                WithdrawalOutcome outcome = provider.withdraw(row.toRequest());
                if (outcome instanceof WithdrawalOutcome.Failed failed) {
                    previous[0] = failed;
                    throw new NotExecuted(failed);
                }
                return outcome;
            });
        }
        catch (RetryException ex) {
            Throwable last = ex.getLastException();
            if (last instanceof NotExecuted notExecuted) {
                return notExecuted.failure;
            }
            if (last instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(last);
        }
    }

    /** Carries a failure that provably did not execute through the retry template; nothing else is retried. */
    static final class NotExecuted extends RuntimeException {

        private final transient WithdrawalOutcome.Failed failure;

        NotExecuted(WithdrawalOutcome.Failed failure) {
            super(failure.code(), null, false, false);
            this.failure = failure;
        }
    }
}
