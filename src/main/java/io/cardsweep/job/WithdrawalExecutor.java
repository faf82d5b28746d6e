package io.cardsweep.job;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.cardsweep.ledger.PendingWithdrawal;
import io.cardsweep.ledger.WithdrawalLedger;
import io.cardsweep.ledger.WithdrawalStatus;
import io.cardsweep.logging.LogContext;
import io.cardsweep.metrics.ProviderCallMeters;
import io.cardsweep.metrics.WithdrawalMeters;
import io.cardsweep.provider.CardBalances;
import io.cardsweep.provider.CardMask;
import io.cardsweep.provider.ProviderFatalException;
import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.ProviderRegistry;
import io.cardsweep.provider.WithdrawalOutcome;
import io.cardsweep.provider.WithdrawalProvider;
import io.cardsweep.provider.WithdrawalRequest;
import io.cardsweep.rules.AmountBounds;
import io.cardsweep.throttle.Cooldown;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryPolicy;

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
    private final NotExecutedRetries retries;
    private final Map<ProviderName, Cooldown> cooldowns;
    private final Map<ProviderName, Semaphore> inFlight;
    private final ProviderConcurrency concurrency;
    private final ProviderHalts halts = new ProviderHalts();
    /** Striped by provider and card: the withdrawals of one card never overlap from their balance read on. */
    private final ReentrantLock[] cardLocks = new ReentrantLock[256];
    private final Clock clock;
    /** How much of a card's balance one withdrawal of its provider may take: for full-balance instructions. */
    private final Function<ProviderName, AmountBounds> amountBounds;
    private final WithdrawalMeters outcomes;
    private final ProviderCallMeters calls;

    WithdrawalExecutor(WithdrawalLedger ledger, ProviderRegistry providers, RetryPolicy retryPolicy, Map<ProviderName, Cooldown> cooldowns,
            ProviderConcurrency concurrency, Function<ProviderName, AmountBounds> amountBounds, Clock clock, WithdrawalMeters outcomes,
            ProviderCallMeters calls) {
        this.amountBounds = amountBounds;
        this.outcomes = outcomes;
        this.calls = calls;
        for (int i = 0; i < cardLocks.length; i++) {
            cardLocks[i] = new ReentrantLock();
        }
        this.inFlight = concurrency.permits();
        this.concurrency = concurrency;
        this.ledger = ledger;
        this.providers = providers;
        this.retries = new NotExecutedRetries(retryPolicy);
        this.cooldowns = Map.copyOf(cooldowns);
        this.clock = clock;
    }

    static RetryPolicy retryPolicy(JobDefinition.Retry retry) {
        return NotExecutedRetries.policy(retry);
    }

    /**
     * Runs on the withdrawal threads; a provider's concurrency cap is held from the claim to the outcome (a card's
     * balance is read before, outside it). Every line logged meanwhile on this thread, by the adapter and the HTTP layer
     * too, carries the instruction's id and provider.
     */
    @Nullable ExecutedWithdrawal execute(PendingWithdrawal row, long jobExecutionId) throws InterruptedException {
        try (LogContext.Scope logContext = LogContext.instruction(row.provider().id(), row.instructionId(), jobExecutionId)) {
            return executeRow(row, jobExecutionId);
        }
    }

    private @Nullable ExecutedWithdrawal executeRow(PendingWithdrawal row, long jobExecutionId) throws InterruptedException {
        halts.check(jobExecutionId, row.provider());
        WithdrawalProvider provider = providers.get(row.provider());
        if (!(provider instanceof CardBalances balances) || !(row.fullBalance() || balances.readBeforeEachWithdrawal())) {
            if (row.fullBalance() && row.terminates()) {
                // The rules let a full balance through for a provider whose balance cannot be read only when the job
                // terminates its cards, which is how such a card's balance is reclaimed.
                String why = "not withdrawn: " + row.provider() + " has no way to read a card's balance; terminating the card sweeps it";
                log.info("{} {} card {}: {}", row.provider(), row.instructionId(), CardMask.mask(row.cardId()), why);
                return recorded(ledger.byTermination(row.id(), jobExecutionId, row.status(), why), row, WithdrawalStatus.BY_TERMINATION,
                        row.amount());
            }
            if (row.fullBalance()) {
                return failUnsent(row, jobExecutionId, row.provider() + " has no way to read a card's balance");
            }
            return executeInTurn(row, jobExecutionId, null, Objects.requireNonNull(row.amount()));
        }
        // From the balance read to the outcome, this card's withdrawals in this process go one at a time, so that the
        // balance kept with a claim is the card's balance just before that withdrawal and no other.
        ReentrantLock card = cardLocks[Math.floorMod((row.provider().id() + ' ' + row.cardId()).hashCode(), cardLocks.length)];
        card.lockInterruptibly();
        try {
            // Read before taking a turn, so that reads overlap the withdrawals in flight instead of queueing with them.
            CardBalances.Reading reading;
            try {
                reading = row.fullBalance() ? readWithRetries(balances, row, jobExecutionId) : readBalance(balances, row);
            }
            catch (RuntimeException ex) {
                halts.halt(jobExecutionId, row.provider(), ex);
                throw ex;
            }
            if (!row.fullBalance()) {
                return executeInTurn(row, jobExecutionId, reading.balance(), Objects.requireNonNull(row.amount()));
            }
            BigDecimal balance = reading.balance();
            if (balance == null) {
                return failUnsent(row, jobExecutionId, "the card's balance could not be read: " + reading.problem());
            }
            AmountBounds bounds = amountBounds.apply(row.provider());
            Optional<BigDecimal> amount = bounds.withdrawable(balance);
            if (amount.isEmpty()) {
                String why = "not sent: the card's balance, " + balance.toPlainString() + " " + row.currency() + ", is below what one "
                        + row.provider() + " withdrawal may take (" + bounds.smallest() + ")";
                log.info("{} {} card {}: nothing to reclaim, balance {} {}", row.provider(), row.instructionId(), CardMask.mask(row.cardId()),
                        balance.toPlainString(), row.currency());
                // A full balance never sent: the row keeps no amount.
                return recorded(ledger.nothingToReclaim(row.id(), jobExecutionId, row.status(), balance, why), row,
                        WithdrawalStatus.NOTHING_TO_RECLAIM, null);
            }
            return executeInTurn(row, jobExecutionId, balance, amount.get());
        }
        finally {
            card.unlock();
        }
    }

    /** A full-balance instruction's balance, read again after a failed read as a withdrawal that did not execute is sent again. */
    private CardBalances.Reading readWithRetries(CardBalances balances, PendingWithdrawal row, long jobExecutionId) {
        return retries.send(() -> {
            halts.check(jobExecutionId, row.provider());
            return readBalance(balances, row);
        }, reading -> reading.balance() == null);
    }

    private CardBalances.Reading readBalance(CardBalances balances, PendingWithdrawal row) {
        return calls.time(row.provider(), ProviderCallMeters.Operation.BALANCE, () -> balances.balance(row.cardId(), row.sealedCardNumber()),
                ProviderCallMeters::answer);
    }

    private @Nullable ExecutedWithdrawal failUnsent(PendingWithdrawal row, long jobExecutionId, String why) {
        log.warn("{} {} card {}: not sent: {}", row.provider(), row.instructionId(), CardMask.mask(row.cardId()), why);
        // Only full balances go unsent this way, and such a row keeps no amount.
        return recorded(ledger.failUnsent(row.id(), jobExecutionId, row.status(), "BALANCE_UNREADABLE", "not sent: " + why), row,
                WithdrawalStatus.FAILED, null);
    }

    /**
     * Where every state this executor writes is told: to the step (the row was handled) and to the meters — only once the
     * ledger took it, so the meters count what the ledger holds.
     *
     * @param written whether the ledger's conditional transition changed the row
     * @param amount what the row carries after it, null when nothing
     */
    private @Nullable ExecutedWithdrawal recorded(boolean written, PendingWithdrawal row, WithdrawalStatus status, @Nullable BigDecimal amount) {
        if (!written) {
            return null;
        }
        outcomes.recorded(row.provider(), status, row.currency(), amount);
        return new ExecutedWithdrawal(row.id(), status);
    }

    private @Nullable ExecutedWithdrawal executeInTurn(PendingWithdrawal row, long jobExecutionId, @Nullable BigDecimal balanceBefore,
            BigDecimal amount) throws InterruptedException {
        Semaphore permits = inFlight.get(row.provider());
        long waitStart = System.nanoTime();
        permits.acquire();
        try {
            calls.waitedForTurn(row.provider(), System.nanoTime() - waitStart);
            // Checked again: a failure may have come while this one waited for its turn.
            halts.check(jobExecutionId, row.provider());
            return executeWithinCap(row, jobExecutionId, balanceBefore, amount);
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

    private @Nullable ExecutedWithdrawal executeWithinCap(PendingWithdrawal row, long jobExecutionId, @Nullable BigDecimal balanceBefore,
            BigDecimal amount) {
        Cooldown cooldown = cooldowns.get(row.provider());
        WithdrawalProvider provider = providers.get(row.provider());
        // A cooldown starts with the claim, in one statement: no attempt without its cooldown, no cooldown without its attempt.
        Instant now = clock.instant();
        WithdrawalLedger.CooldownStart cooldownStart = cooldown == null ? null
                : new WithdrawalLedger.CooldownStart(row.provider().id(), cooldown.scopeKey(row.cardId()), now.plus(cooldown.period()));
        WithdrawalLedger.Claim claim = ledger.claim(row.id(), jobExecutionId, row.status(), now, cooldownStart, balanceBefore,
                row.fullBalance() ? amount : null);
        if (claim.busyUntil() != null) {
            Instant busyUntil = claim.busyUntil();
            boolean deferred = ledger.deferUnsent(row.id(), jobExecutionId, row.status(), busyUntil, "COOLDOWN",
                    "not sent: " + row.provider() + " allows one withdrawal per " + (cooldown.perAccount() ? "account" : "card")
                            + " every " + cooldown.period().toMinutes() + " min; next from " + busyUntil);
            return recorded(deferred, row, WithdrawalStatus.DEFERRED, row.amount());
        }
        if (!claim.claimed()) {
            log.debug("{} {} already past READY; not sent again", row.provider(), row.instructionId());
            return null;
        }
        WithdrawalOutcome outcome;
        try {
            outcome = callWithRetries(provider, row.toRequest(amount), row, jobExecutionId);
        }
        catch (ProviderFatalException ex) {
            ledger.release(row.id(), jobExecutionId, row.status(), "not sent: " + ex.getMessage(), cooldownStart);
            throw ex;
        }
        catch (RuntimeException ex) {
            recordedOutcome(ledger.recordOutcome(row.id(), jobExecutionId,
                    new WithdrawalOutcome.Unknown("INTERNAL_ERROR", "cardsweep failed while sending: " + ex.getClass().getSimpleName()),
                    clock.instant()), row, amount);
            throw ex;
        }
        // Logged before it is written: if the write fails, the provider's answer is still on record.
        log.info("{} {} card {} amount {} {}: {} {}", row.provider(), row.instructionId(), CardMask.mask(row.cardId()),
                amount.toPlainString(), row.currency(), outcome.code(), outcome.message());
        return recordedOutcome(ledger.recordOutcome(row.id(), jobExecutionId, outcome, clock.instant()), row, amount);
    }

    /** A call's outcome the ledger recorded (it throws when it could not): told as every other state is. */
    private ExecutedWithdrawal recordedOutcome(WithdrawalStatus status, PendingWithdrawal row, BigDecimal amount) {
        return Objects.requireNonNull(recorded(true, row, status, amount));
    }

    private WithdrawalOutcome callWithRetries(WithdrawalProvider provider, WithdrawalRequest request, PendingWithdrawal row, long jobExecutionId) {
        WithdrawalOutcome[] previous = new WithdrawalOutcome[1];
        return retries.send(() -> {
            if (previous[0] instanceof WithdrawalOutcome.Failed failed) {
                ledger.recordRetry(row.id(), jobExecutionId, failed);
            }
            previous[0] = calls.time(row.provider(), ProviderCallMeters.Operation.WITHDRAW, () -> provider.withdraw(request),
                    ProviderCallMeters::answer);
            return previous[0];
        }, WithdrawalOutcome.Failed.class::isInstance);
    }
}
