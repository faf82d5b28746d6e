package io.cardsweep.provider.htp;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import io.cardsweep.provider.CardBalances;
import io.cardsweep.provider.ProviderAnswer;
import io.cardsweep.provider.ProviderFatalException;
import io.cardsweep.provider.ProviderHttp;
import io.cardsweep.provider.PendingGuard;
import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.ProviderSettings;
import io.cardsweep.provider.RequestGate;
import io.cardsweep.provider.TokenCache;
import io.cardsweep.provider.TransportFailure;
import io.cardsweep.provider.WithdrawalOutcome;
import io.cardsweep.provider.WithdrawalProvider;
import io.cardsweep.provider.WithdrawalRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Withdraws from HTP cards to blockchain wallets. HTP takes no idempotency key, so a withdrawal is sent once;
 * the only resend is after an auth failure, which HTP answers before executing anything. An accepted
 * withdrawal is followed by its status lookup until it settles, and left {@code Unknown} (never re-sent) if
 * it does not within the status timeout. Safe to share between threads.
 */
public final class HtpProvider implements WithdrawalProvider, CardBalances {

    /** How this adapter classifies the provider's answers to a withdrawal (the README's table). */
    public static final java.util.List<io.cardsweep.provider.AnswerClassification> ANSWERS = HtpOutcomes.ANSWERS;

    private static final Logger log = LoggerFactory.getLogger(HtpProvider.class);

    private final ProviderHttp http;
    private final HtpIdentity identity;
    private final HtpTokens tokens;
    private final HtpOutcomes outcomes;
    private final HtpStatusLookup lookup;
    private final HtpStatusFollower follower;
    private final HtpCardBalance cardBalance;
    private final BigDecimal fee;

    /** Held from a create until its status settles: HTP allows one pending withdrawal per user. */
    private final PendingGuard onePending;

    public HtpProvider(ProviderSettings settings, Clock clock) {
        this(settings, clock, RequestGate.NONE, PendingGuard.inProcess());
    }

    /**
     * With the gate that keeps HTP's request-rate limit (60/min per IP), status lookups included, and the guard that
     * keeps its one pending withdrawal per user — across processes when both are shared.
     */
    public HtpProvider(ProviderSettings settings, Clock clock, RequestGate gate, PendingGuard onePending) {
        this(settings, clock, Pause.SLEEP, gate, onePending);
    }

    /** With the way the status follower waits, so a test can move its clock instead of sleeping. */
    HtpProvider(ProviderSettings settings, Clock clock, Pause pause) {
        this(settings, clock, pause, RequestGate.NONE, PendingGuard.inProcess());
    }

    private HtpProvider(ProviderSettings settings, Clock clock, Pause pause, RequestGate gate, PendingGuard onePending) {
        this.onePending = onePending;
        this.http = new ProviderHttp(ProviderName.HTP, settings, gate);
        this.identity = HtpIdentity.from(settings);
        this.fee = settings.fee() == null ? BigDecimal.ZERO : settings.fee();
        this.tokens = new HtpTokens(http, clock, settings.tokenRenewalMargin(), identity);
        this.outcomes = new HtpOutcomes(http, clock);
        this.lookup = new HtpStatusLookup(http, tokens, clock);
        this.follower = new HtpStatusFollower(lookup, clock, pause, settings.statusTimeout());
        this.cardBalance = new HtpCardBalance(http, tokens);
    }

    @Override
    public ProviderName name() {
        return ProviderName.HTP;
    }

    /** The configured fee HTP keeps from each withdrawal; amounts must exceed it. */
    public BigDecimal fee() {
        return fee;
    }

    @Override
    public WithdrawalOutcome withdraw(WithdrawalRequest request) {
        if (request.walletAddress() == null || request.network() == null) {
            return new WithdrawalOutcome.Declined("MISSING_WALLET", "an HTP withdrawal needs a wallet_address and a network; nothing was sent");
        }
        URI uri = http.uri("card-withdrawals");
        HtpWithdrawBody body = new HtpWithdrawBody(request.cardId(), request.walletAddress(),
                request.amount().setScale(2, RoundingMode.UNNECESSARY).toPlainString(), request.network().strip().toUpperCase(Locale.ROOT));
        WithdrawalOutcome outcome;
        // HTP allows one pending withdrawal per user: a create waits until the previous one has settled.
        try (PendingGuard.Held held = onePending.hold(identity.userId())) {
            outcome = createAndFollow(request, uri, body);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return new WithdrawalOutcome.Failed("PENDING_WAIT",
                    "interrupted while waiting for the user's previous HTP withdrawal to settle; nothing was sent");
        }
        catch (PendingGuard.GuardUnavailable ex) {
            return new WithdrawalOutcome.Failed("PENDING_WAIT", ex.getMessage() + "; nothing was sent");
        }
        log.debug("HTP withdrawal {}: {}", request.instructionKey(), outcome.code());
        return outcome;
    }

    private WithdrawalOutcome createAndFollow(WithdrawalRequest request, URI uri, HtpWithdrawBody body) {
        WithdrawalOutcome outcome;
        try {
            String token = tokens.current();
            ProviderAnswer answer = http.postJson(uri, token, body);
            if (HtpStatusLookup.isAuthFailure(http, answer)) {
                answer = http.postJson(uri, tokens.renewAfterRejection(token), body);
                if (HtpStatusLookup.isAuthFailure(http, answer)) {
                    throw tokens.credentialsRefused();
                }
            }
            Optional<HtpCreated> created = outcomes.created(answer);
            outcome = created.isPresent() ? followAccepted(request.cardId(), created.get()) : outcomes.refusal(answer);
        }
        catch (TokenCache.TokenUnavailable ex) {
            outcome = ex.outcome();
        }
        catch (TransportFailure ex) {
            outcome = ex.outcome();
        }
        return outcome;
    }

    /**
     * After HTP accepted a create, the withdrawal exists: whatever goes wrong while following it (even refused
     * credentials) leaves it UNKNOWN, never released to be sent again. The next create meets the same refusal
     * before anything is sent and stops the run.
     */
    private WithdrawalOutcome followAccepted(String cardUuid, HtpCreated created) {
        try {
            return follower.follow(cardUuid, created);
        }
        catch (ProviderFatalException ex) {
            return new WithdrawalOutcome.Unknown("STATUS_UNAVAILABLE",
                    "HTP accepted the withdrawal but its status could not be read (" + ex.getMessage() + "); resolve it by the status lookup");
        }
    }

    /**
     * One look at a card's latest withdrawal, for reconciling a withdrawal left {@code IN_FLIGHT} or {@code Unknown}:
     * SUCCESS is {@code Succeeded}, FAILED {@code Declined}, NOT_FOUND {@code Unknown} (a lookup never licenses a resend),
     * PENDING/PROCESSING or no readable answer {@code Unknown}. HTP reports only the card's <em>latest</em> withdrawal,
     * so the answer is this instruction's only if no other withdrawal was made from the card since.
     */
    public WithdrawalOutcome lookUp(String cardUuid) {
        return latestWithdrawal(cardUuid).outcome();
    }

    /**
     * The card's latest withdrawal as {@link #lookUp} reads it, with what tells it apart from others: HTP's own id for it
     * and its amount, each null when the answer does not carry it.
     */
    public LatestWithdrawal latestWithdrawal(String cardUuid) {
        HtpStatusReading reading = lookup.read(cardUuid);
        WithdrawalOutcome outcome = HtpStatusFollower.classify(reading);
        log.debug("HTP status lookup: {}", outcome.code());
        HtpEnvelope envelope = reading.envelope();
        return new LatestWithdrawal(outcome, HtpCreated.withdrawalId(envelope), envelope == null ? null : envelope.dataMoney("amount"));
    }

    /** {@code GET /cards/{uuid}}: the card's {@code data.balance}, for an instruction to withdraw a card's whole balance. */
    @Override
    public CardBalances.Reading balance(String cardId, @Nullable String sealedCardNumber) {
        CardBalances.Reading reading = cardBalance.read(cardId);
        log.debug("HTP card read: {}", reading.balance() == null ? "no balance" : "balance");
        return reading;
    }

    /**
     * False: HTP reconciles a withdrawal in doubt by its status lookup, not by the card's balance, and every request counts
     * against its 60 a minute, so a read before each withdrawal would spend half of them for nothing. Its balance is read
     * only for full-balance instructions.
     */
    @Override
    public boolean readBeforeEachWithdrawal() {
        return false;
    }

    /** A card's latest withdrawal: what it came to, and HTP's id and amount for it when the answer gives them. */
    public record LatestWithdrawal(WithdrawalOutcome outcome, @Nullable String withdrawalId, @Nullable BigDecimal amount) {
    }

    /** Never shows the agent secret, a signature or the token. */
    @Override
    public String toString() {
        return "HtpProvider[baseUrl=" + http.baseUrl() + ", agentId=" + identity.agentId() + ", userId=" + identity.userId() + "]";
    }
}
