package io.cardsweep.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.cardsweep.provider.ProviderName;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Uncash as PROVIDERS.md documents it: a static API key, zod validation, a close that withdraws what is left on the
 * card and then closes it, and a per-card cooldown between withdrawal attempts, closes included. An attempt that
 * reaches an existing card starts the cooldown whether it succeeds or is refused for the card's state or balance; one
 * refused by the cooldown itself does not extend it, so a caller that honours the first "Please wait" is never pushed
 * back further.
 */
final class UncashSimulator implements ProviderSimulator {

    private static final String CLOSED = "closed";

    private final CardBook cards;
    private final WithdrawalJournal journal;
    private final TerminationJournal terminations;
    private final UncashWallet wallet;
    private final Duration cooldown;
    private final SandboxStats stats;
    private final Clock clock;
    private final JsonMapper json;

    UncashSimulator(CardBook cards, WithdrawalJournal journal, TerminationJournal terminations, SandboxStats stats, UncashWallet wallet,
            Duration cooldown, Clock clock, JsonMapper json) {
        this.terminations = terminations;
        this.cards = cards;
        this.journal = journal;
        this.stats = stats;
        this.wallet = wallet;
        this.cooldown = cooldown;
        this.clock = clock;
        this.json = json;
    }

    @Override
    public ProviderName provider() {
        return ProviderName.UNCASH;
    }

    @Override
    public String basePath() {
        return "/uncash/api/v1";
    }

    @Override
    public SandboxResponse handle(SandboxRequest request) {
        if (!("Bearer " + SandboxCredentials.UNCASH_API_KEY).equals(request.header("authorization"))) {
            return UncashBodies.failure(clock, 401, "Unauthorized");
        }
        List<String> path = request.segments();
        if (request.is("POST", 3) && path.get(0).equals("cards") && path.get(2).equals("withdraw")) {
            return withdraw(path.get(1), request);
        }
        if (isTermination(request)) {
            return close(path.get(1));
        }
        if (request.is("GET", 2) && path.get(0).equals("cards")) {
            return card(path.get(1));
        }
        return UncashBodies.failure(clock, 404, "Route not found");
    }

    /** {@code PATCH /cards/{id}/close}. */
    @Override
    public boolean isTermination(SandboxRequest request) {
        List<String> path = request.segments();
        return request.is("PATCH", 3) && path.get(0).equals("cards") && path.get(2).equals("close");
    }

    private SandboxResponse withdraw(String cardId, SandboxRequest request) {
        Optional<JsonNode> body = SandboxJson.readBody(json, request.body());
        if (body.isEmpty()) {
            return UncashBodies.failure(clock, 400, "Invalid JSON body");
        }
        List<UncashBodies.ZodIssue> issues = UncashAmountRule.check(body.get());
        if (!issues.isEmpty()) {
            return UncashBodies.invalidInput(clock, issues);
        }
        Optional<SandboxCard> card = cards.find(ProviderName.UNCASH, cardId);
        if (card.isEmpty()) {
            return UncashBodies.failure(clock, 404, "Card not found");
        }
        return execute(card.get(), body.get().path("amount").decimalValue(), request, body.get());
    }

    private SandboxResponse execute(SandboxCard card, BigDecimal amount, SandboxRequest request, JsonNode body) {
        synchronized (card) {
            Instant now = clock.instant();
            Optional<SandboxResponse> coolingDown = attempt(card, now);
            if (coolingDown.isPresent()) {
                return coolingDown.get();
            }
            if (!card.status().equalsIgnoreCase("active")) {
                return UncashBodies.failure(clock, 400, "Card is not ready for withdrawals");
            }
            BigDecimal available = card.balance();
            if (available.compareTo(amount) < 0) {
                return UncashBodies.failure(clock, 400, "Insufficient card balance. Available: " + money(available)
                        + ", Requested: " + money(amount));
            }
            BigDecimal newBalance = card.debit(amount);
            BigDecimal walletBalance = wallet.credit(amount);
            String transactionId = TransactionIds.next("unc_tx_");
            journal.record(new ExecutedWithdrawal(provider().id(), card.id(), amount, transactionId,
                    request.header("idempotency-key"), SandboxJson.optionalText(body, "reference"), now));
            return new SandboxResponse(200, new UncashBodies.Success(true, "Withdrawal successful",
                    new UncashBodies.Withdrawal(card.id(), transactionId, TransactionIds.next("unc_inv_"),
                            walletBalance, newBalance, amount)));
        }
    }

    /**
     * Pays out whatever the card holds to the wallet, then closes it. A close is a withdrawal attempt: the cooldown
     * refuses it as it refuses a withdrawal, and starts again with it. A frozen card can be closed (freezing stops
     * spending, not closing); a closed one cannot.
     */
    private SandboxResponse close(String cardId) {
        Optional<SandboxCard> found = cards.find(ProviderName.UNCASH, cardId);
        if (found.isEmpty()) {
            return UncashBodies.failure(clock, 404, "Card not found");
        }
        SandboxCard card = found.get();
        synchronized (card) {
            Instant now = clock.instant();
            Optional<SandboxResponse> coolingDown = attempt(card, now);
            if (coolingDown.isPresent()) {
                return coolingDown.get();
            }
            if (card.status().equalsIgnoreCase(CLOSED)) {
                return UncashBodies.failure(clock, 400, "Card is already closed");
            }
            BigDecimal paidOut = card.drain();
            BigDecimal walletBalance = wallet.credit(paidOut);
            card.changeStatus(CLOSED);
            terminations.record(new ExecutedTermination(provider().id(), card.id(), paidOut, null, now));
            return new SandboxResponse(200, new UncashBodies.Success(true, "Card closed successfully",
                    new UncashBodies.Closed(card.id(), CLOSED, paidOut, walletBalance)));
        }
    }

    /**
     * A withdrawal attempt (a close is one) on {@code card} at {@code now}, under the card's lock: refused while the
     * cooldown of the last one runs, counted as a violation; otherwise it starts the cooldown, whatever comes of it.
     */
    private Optional<SandboxResponse> attempt(SandboxCard card, Instant now) {
        Instant last = card.lastWithdrawalAttempt();
        if (last != null && now.isBefore(last.plus(cooldown))) {
            stats.violation(ProviderName.UNCASH, SandboxStats.COOLDOWN);
            return Optional.of(UncashBodies.failure(clock, 400, "Please wait " + cooldownMinutes() + " minutes between withdrawals"));
        }
        card.markWithdrawalAttempt(now);
        return Optional.empty();
    }

    private SandboxResponse card(String cardId) {
        return cards.find(ProviderName.UNCASH, cardId)
                .map(card -> new SandboxResponse(200, new UncashBodies.Success(true, null,
                        new UncashBodies.Card(card.id(), card.status(), card.balance()))))
                .orElseGet(() -> UncashBodies.failure(clock, 404, "Card not found"));
    }

    /** The configured cooldown in whole minutes, rounded up, as Uncash's message states it. */
    private long cooldownMinutes() {
        long seconds = cooldown.toSeconds() + (cooldown.toNanosPart() > 0 ? 1 : 0);
        return (seconds + 59) / 60;
    }

    /** Two decimals as Uncash prints them; a seed with more decimals is shown as is, never rounded. */
    private static String money(BigDecimal value) {
        return value.scale() <= 2 ? value.setScale(2, RoundingMode.UNNECESSARY).toPlainString() : value.toPlainString();
    }
}
