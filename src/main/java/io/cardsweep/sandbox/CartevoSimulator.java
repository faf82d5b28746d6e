package io.cardsweep.sandbox;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.cardsweep.provider.ProviderName;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cartevo as PROVIDERS.md documents it: short-lived bearer tokens, a flat fee kept from each withdrawal
 * (the card pays the full amount, the wallet is credited the net), a termination that refunds the card's balance
 * itself and says so, and no idempotency, so every accepted request executes.
 */
final class CartevoSimulator implements ProviderSimulator {

    private static final Set<String> WITHDRAWABLE = Set.of("ACTIVE", "FROZEN");
    private static final String TERMINATED = "TERMINATED";

    private final CardBook cards;
    private final WithdrawalJournal journal;
    private final TerminationJournal terminations;
    private final CartevoTokens tokens;
    private final BigDecimal fee;
    private final Clock clock;
    private final JsonMapper json;

    CartevoSimulator(CardBook cards, WithdrawalJournal journal, TerminationJournal terminations, CartevoTokens tokens, BigDecimal fee,
            Clock clock, JsonMapper json) {
        this.terminations = terminations;
        this.cards = cards;
        this.journal = journal;
        this.tokens = tokens;
        this.fee = fee;
        this.clock = clock;
        this.json = json;
    }

    @Override
    public ProviderName provider() {
        return ProviderName.CARTEVO;
    }

    @Override
    public String basePath() {
        return "/cartevo/api/v1";
    }

    /** Cartevo documents its 5xx "Withdrawal temporarily unavailable" as not executed: retry later. */
    @Override
    public SandboxResponse serverError() {
        return CartevoBodies.error(503, "Withdrawal temporarily unavailable");
    }

    @Override
    public SandboxResponse handle(SandboxRequest request) {
        List<String> path = request.segments();
        if (request.is("POST", 2) && path.equals(List.of("auth", "token"))) {
            return token(request);
        }
        if (!tokens.isValid(request.header("authorization"))) {
            return CartevoBodies.unauthorized();
        }
        if (request.is("POST", 3) && path.get(0).equals("cards") && path.get(2).equals("withdraw")) {
            return withdraw(path.get(1), request);
        }
        if (isTermination(request)) {
            return terminate(path.get(1));
        }
        if (request.is("GET", 2) && path.get(0).equals("cards")) {
            return card(path.get(1));
        }
        return CartevoBodies.error(404, "Cannot " + request.method() + " " + basePath() + request.path());
    }

    private SandboxResponse token(SandboxRequest request) {
        Optional<JsonNode> body = SandboxJson.readBody(json, request.body());
        boolean valid = body.isPresent()
                && SandboxCredentials.CARTEVO_CLIENT_ID.equals(body.get().path("client_id").asString(""))
                && SandboxCredentials.CARTEVO_CLIENT_KEY.equals(body.get().path("client_key").asString(""));
        if (!valid) {
            return CartevoBodies.error(401, "Invalid client credentials");
        }
        return new SandboxResponse(201, new CartevoBodies.Token(tokens.issue(), "Bearer", tokens.ttl().toSeconds()));
    }

    private SandboxResponse withdraw(String cardId, SandboxRequest request) {
        Optional<JsonNode> body = SandboxJson.readBody(json, request.body());
        if (body.isEmpty()) {
            return CartevoBodies.error(400, "Request body must be JSON");
        }
        JsonNode amountNode = body.get().path("amount");
        if (!amountNode.isNumber()) {
            return CartevoBodies.error(400, "Amount must be a number");
        }
        BigDecimal amount = amountNode.decimalValue();
        if (amount.compareTo(BigDecimal.ONE) < 0) {
            return CartevoBodies.error(400, "Amount must be at least 1");
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            return CartevoBodies.error(400, "Amount must have at most 2 decimal places");
        }
        if (amount.compareTo(fee) <= 0) {
            return CartevoBodies.error(400, "Amount must be greater than the fee of " + fee.toPlainString());
        }
        Optional<SandboxCard> found = cards.find(ProviderName.CARTEVO, cardId);
        if (found.isEmpty()) {
            return CartevoBodies.error(404, "Card not found");
        }
        return execute(found.get(), amount, request, body.get());
    }

    private SandboxResponse execute(SandboxCard card, BigDecimal amount, SandboxRequest request, JsonNode body) {
        synchronized (card) {
            if (!WITHDRAWABLE.contains(card.status().toUpperCase(Locale.ROOT))) {
                return CartevoBodies.error(400, "Card is terminated");
            }
            BigDecimal before = card.balance();
            if (before.compareTo(amount) < 0) {
                return CartevoBodies.error(400, "Insufficient card balance");
            }
            BigDecimal after = card.debit(amount);
            String transactionId = TransactionIds.next("ctv_tx_");
            journal.record(new ExecutedWithdrawal(provider().id(), card.id(), amount, transactionId,
                    request.header("idempotency-key"), SandboxJson.optionalText(body, "reference"), clock.instant()));
            return CartevoBodies.success(201, "Withdrawal successful", new CartevoBodies.Withdrawal(transactionId,
                    card.id(), amount.subtract(fee), card.currency(), fee, before, after));
        }
    }

    /** {@code POST /cards/{id}/terminate}. */
    @Override
    public boolean isTermination(SandboxRequest request) {
        List<String> path = request.segments();
        return request.is("POST", 3) && path.get(0).equals("cards") && path.get(2).equals("terminate");
    }

    /** Refunds whatever the card holds, then terminates it; a terminated card is refused as it is for a withdrawal. */
    private SandboxResponse terminate(String cardId) {
        Optional<SandboxCard> found = cards.find(ProviderName.CARTEVO, cardId);
        if (found.isEmpty()) {
            return CartevoBodies.error(404, "Card not found");
        }
        SandboxCard card = found.get();
        synchronized (card) {
            if (card.status().equalsIgnoreCase(TERMINATED)) {
                return CartevoBodies.error(400, "Card is already terminated");
            }
            BigDecimal refunded = card.drain();
            card.changeStatus(TERMINATED);
            terminations.record(new ExecutedTermination(provider().id(), card.id(), refunded, null, clock.instant()));
            return CartevoBodies.success(201, "Card terminated successfully", new CartevoBodies.Termination(card.id(), TERMINATED, true, refunded));
        }
    }

    private SandboxResponse card(String cardId) {
        return cards.find(ProviderName.CARTEVO, cardId)
                .map(card -> CartevoBodies.success(200, "Card retrieved successfully",
                        new CartevoBodies.Card(card.id(), card.status(), card.balance(), card.currency())))
                .orElseGet(() -> CartevoBodies.error(404, "Card not found"));
    }

}
