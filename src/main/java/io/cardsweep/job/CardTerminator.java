package io.cardsweep.job;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import io.cardsweep.ledger.IdempotencyKeys;
import io.cardsweep.ledger.TerminationLedger;
import io.cardsweep.ledger.WithdrawalLedger;
import io.cardsweep.logging.LogContext;
import io.cardsweep.metrics.ProviderCallMeters;
import io.cardsweep.provider.CardMask;
import io.cardsweep.provider.CardTerminations;
import io.cardsweep.provider.ProviderFatalException;
import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.ProviderRegistry;
import io.cardsweep.provider.TerminationOutcome;
import io.cardsweep.provider.TerminationRequest;
import io.cardsweep.throttle.Cooldown;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryPolicy;

/**
 * The exactly-once protocol for one card's termination, as {@link WithdrawalExecutor} has it for a withdrawal: claim
 * it ({@code PENDING|DEFERRED → IN_FLIGHT}) with the provider's cooldown, committed (deferring it, unsent, while a
 * cooldown runs), call the provider, record the outcome. A card is terminated only after its withdrawal succeeded or
 * found nothing to take; only failures that provably did not execute are sent again; a fatal condition releases the
 * claim and stops the run.
 */
class CardTerminator {

    private static final Logger log = LoggerFactory.getLogger(CardTerminator.class);

    private final TerminationLedger ledger;
    private final ProviderRegistry providers;
    private final NotExecutedRetries retries;
    private final Map<ProviderName, Cooldown> cooldowns;
    private final Clock clock;
    private final ProviderCallMeters calls;

    CardTerminator(TerminationLedger ledger, ProviderRegistry providers, RetryPolicy retryPolicy, Map<ProviderName, Cooldown> cooldowns,
            Clock clock, ProviderCallMeters calls) {
        this.calls = calls;
        this.ledger = ledger;
        this.providers = providers;
        this.retries = new NotExecutedRetries(retryPolicy);
        this.cooldowns = Map.copyOf(cooldowns);
        this.clock = clock;
    }

    /**
     * The state the card's termination is left in, or null when another attempt got there first. Every line logged
     * meanwhile on this thread carries the instruction's id and provider.
     */
    @Nullable String terminate(TerminationLedger.Due due, long jobExecutionId) {
        try (LogContext.Scope logContext = LogContext.instruction(due.provider().id(), due.instructionId(), jobExecutionId)) {
            return terminateCard(due, jobExecutionId);
        }
    }

    private @Nullable String terminateCard(TerminationLedger.Due due, long jobExecutionId) {
        if (!TerminationLedger.isSwept(due.withdrawal())) {
            return skip(due, jobExecutionId, "WITHDRAWAL_NOT_SUCCEEDED", "not terminated: its withdrawal ended " + due.withdrawal()
                    + ", so the card is left as it is for someone to look at");
        }
        if (due.terminatedWith() != null) {
            return skip(due, jobExecutionId, "CARD_TERMINATED_ALREADY", "not sent: the card is terminated with instruction " + due.terminatedWith());
        }
        if (!(providers.get(due.provider()) instanceof CardTerminations terminations)) {
            return skip(due, jobExecutionId, "NO_TERMINATION", "not sent: " + due.provider() + " documents no way to terminate a card");
        }
        Cooldown cooldown = cooldowns.get(due.provider());
        Instant now = clock.instant();
        WithdrawalLedger.CooldownStart cooldownStart = cooldown == null ? null
                : new WithdrawalLedger.CooldownStart(due.provider().id(), cooldown.scopeKey(due.cardId()), now.plus(cooldown.period()));
        WithdrawalLedger.Claim claim = ledger.claim(due.id(), jobExecutionId, due.from(), now, cooldownStart);
        if (claim.busyUntil() != null) {
            boolean deferred = ledger.deferUnsent(due.id(), jobExecutionId, due.from(), claim.busyUntil(), "COOLDOWN", "not sent: "
                    + due.provider() + " counts a termination as a withdrawal attempt, one per " + (cooldown.perAccount() ? "account" : "card")
                    + " every " + cooldown.period().toMinutes() + " min; next from " + claim.busyUntil());
            return deferred ? "DEFERRED" : null;
        }
        if (!claim.claimed()) {
            return null;
        }
        TerminationRequest request = new TerminationRequest(due.instructionKey(), IdempotencyKeys.forTermination(due.instructionKey()),
                due.cardId(), due.sealedCardNumber(), due.latitude(), due.longitude());
        TerminationOutcome outcome;
        try {
            outcome = callWithRetries(due.provider(), terminations, request);
        }
        catch (ProviderFatalException ex) {
            ledger.release(due.id(), jobExecutionId, due.from(), "not sent: " + ex.getMessage(), cooldownStart);
            throw ex;
        }
        catch (RuntimeException ex) {
            ledger.record(due.id(), jobExecutionId, new TerminationOutcome.Unknown("INTERNAL_ERROR",
                    "cardsweep failed while sending: " + ex.getClass().getSimpleName()), clock.instant());
            throw ex;
        }
        log.info("{} {} card {} termination: {} {}", due.provider(), due.instructionId(), CardMask.mask(due.cardId()), outcome.code(),
                outcome.message());
        return ledger.record(due.id(), jobExecutionId, outcome, clock.instant());
    }

    private String skip(TerminationLedger.Due due, long jobExecutionId, String code, String why) {
        log.info("{} {} card {} termination: {}", due.provider(), due.instructionId(), CardMask.mask(due.cardId()), why);
        return ledger.skip(due.id(), jobExecutionId, due.from(), code, why) ? "SKIPPED" : null;
    }

    private TerminationOutcome callWithRetries(ProviderName provider, CardTerminations terminations, TerminationRequest request) {
        return retries.send(() -> calls.time(provider, ProviderCallMeters.Operation.TERMINATE, () -> terminations.terminate(request),
                ProviderCallMeters::answer), TerminationOutcome.Failed.class::isInstance);
    }
}
