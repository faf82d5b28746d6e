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
 * Uncash as PROVIDERS.md documents it: a static API key, zod validation, and a per-card cooldown between
 * withdrawal attempts. An attempt that reaches an existing card starts the cooldown whether it succeeds or
 * is refused for the card's state or balance; one refused by the cooldown itself does not extend it, so a
 * caller that honours the first "Please wait" is never pushed back further.
 */
final class UncashSimulator implements ProviderSimulator {

    private final CardBook cards;
    private final WithdrawalJournal journal;
    private final UncashWallet wallet;
    private final Duration cooldown;
    private final SandboxStats stats;
    private final Clock clock;
    private final JsonMapper json;

    UncashSimulator(CardBook cards, WithdrawalJournal journal, SandboxStats stats, UncashWallet wallet, Duration cooldown, Clock clock,
            JsonMapper json) {
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
        if (request.is("GET", 2) && path.get(0).equals("cards")) {
            return card(path.get(1));
        }
        return UncashBodies.failure(clock, 404, "Route not found");
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
            Instant last = card.lastWithdrawalAttempt();
            if (last != null && now.isBefore(last.plus(cooldown))) {
                stats.violation(ProviderName.UNCASH, SandboxStats.COOLDOWN);
                return UncashBodies.failure(clock, 400, "Please wait " + cooldownMinutes() + " minutes between withdrawals");
            }
            card.markWithdrawalAttempt(now);
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
