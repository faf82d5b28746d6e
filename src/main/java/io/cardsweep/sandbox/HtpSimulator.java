package io.cardsweep.sandbox;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

import io.cardsweep.provider.ProviderName;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTP as PROVIDERS.md documents it: HMAC-signed agent tokens bound to one user, errors as HTTP 200 envelopes,
 * one pending withdrawal per user, 60 requests a minute across all endpoints, and no idempotency, so every
 * accepted create executes: the card is debited and the journal written at creation, then the status settles.
 * A card seeded without a user belongs to the sandbox user, {@link SandboxCredentials#HTP_USER_ID}.
 */
final class HtpSimulator implements ProviderSimulator {

    private final CardBook cards;
    private final WithdrawalJournal journal;
    private final SandboxStats stats;
    private final HtpTokens tokens;
    private final HtpRateLimit rateLimit;
    private final HtpWithdrawals withdrawals;
    private final BigDecimal fee;
    private final Clock clock;
    private final JsonMapper json;

    HtpSimulator(CardBook cards, WithdrawalJournal journal, SandboxStats stats, HtpTokens tokens, HtpRateLimit rateLimit,
            HtpWithdrawals withdrawals, BigDecimal fee, Clock clock, JsonMapper json) {
        this.cards = cards;
        this.journal = journal;
        this.stats = stats;
        this.tokens = tokens;
        this.rateLimit = rateLimit;
        this.withdrawals = withdrawals;
        this.fee = fee;
        this.clock = clock;
        this.json = json;
    }

    @Override
    public ProviderName provider() {
        return ProviderName.HTP;
    }

    @Override
    public String basePath() {
        return "/htp/api/v1";
    }

    /** HTP says "too many requests" in its body's {@code status_code}, as its own limit does. */
    @Override
    public SandboxResponse tooManyRequests() {
        return HtpBodies.tooManyRequests(1);
    }

    @Override
    public SandboxResponse handle(SandboxRequest request) {
        OptionalLong wait = rateLimit.acquire();
        if (wait.isPresent()) {
            stats.violation(ProviderName.HTP, SandboxStats.RATE_LIMIT);
            return HtpBodies.tooManyRequests(wait.getAsLong());
        }
        List<String> path = request.segments();
        if (request.is("POST", 2) && path.equals(List.of("connect", "token"))) {
            return token(request);
        }
        Optional<String> user = tokens.userOf(request.header("authorization"));
        if (user.isEmpty()) {
            return HtpBodies.unauthorized("Unauthorized");
        }
        if (request.is("POST", 1) && path.get(0).equals("card-withdrawals")) {
            return withdraw(user.get(), request);
        }
        if (request.is("GET", 3) && path.get(0).equals("cards") && path.get(2).equals("withdraw-status")) {
            return withOwnCard(user.get(), path.get(1), this::status);
        }
        if (request.is("GET", 2) && path.get(0).equals("cards")) {
            return withOwnCard(user.get(), path.get(1), card -> HtpBodies.ok(200, "OK",
                    new HtpBodies.Card(card.id(), card.status(), HtpBodies.money(card.balance()), card.currency())));
        }
        return HtpBodies.routeNotFound(request.method(), basePath() + request.path());
    }

    private SandboxResponse token(SandboxRequest request) {
        Optional<JsonNode> body = SandboxJson.readBody(json, request.body());
        if (body.isEmpty() || !body.get().path("timestamp").isString()) {
            return HtpBodies.error(400, "device_id, timestamp (a string) and user_id are required");
        }
        String deviceId = body.get().path("device_id").asString("");
        String userId = body.get().path("user_id").asString("");
        Optional<String> refusal = tokens.refusal(request.header("x-agent-id"), request.header("x-signature"), deviceId,
                body.get().path("timestamp").asString(), userId);
        if (refusal.isPresent() || userId.isBlank()) {
            return HtpBodies.unauthorized(refusal.orElse("user_id is required"));
        }
        return HtpBodies.ok(200, "Token issued", new HtpBodies.Token(tokens.issue(userId), tokens.ttl().toSeconds(), userId));
    }

    private SandboxResponse withdraw(String userId, SandboxRequest request) {
        Optional<JsonNode> body = SandboxJson.readBody(json, request.body());
        if (body.isEmpty()) {
            return HtpBodies.error(400, "Request body must be JSON");
        }
        String problem = HtpWithdrawCheck.problem(body.get(), fee);
        if (problem != null) {
            return HtpBodies.error(400, problem);
        }
        return withOwnCard(userId, body.get().path("source_card_uuid").asString(), card -> execute(card, userId, body.get()));
    }

    private SandboxResponse execute(SandboxCard card, String userId, JsonNode body) {
        BigDecimal amount = new BigDecimal(body.path("amount").asString());
        synchronized (withdrawals) {
            synchronized (card) {
                if (!card.status().equalsIgnoreCase("ACTIVE")) {
                    return HtpBodies.error(400, "Card is not active");
                }
                if (withdrawals.hasPending(userId)) {
                    stats.violation(ProviderName.HTP, SandboxStats.ONE_PENDING);
                    return HtpBodies.error(409, "A pending withdrawal already exists");
                }
                if (card.balance().compareTo(amount) < 0) {
                    return HtpBodies.error(400, "Insufficient balance");
                }
                Instant now = clock.instant();
                card.debit(amount);
                HtpWithdrawals.Entry entry = withdrawals.start(TransactionIds.next("htp_wd_"), card.id(), userId, amount, now);
                journal.record(new ExecutedWithdrawal(provider().id(), card.id(), amount, entry.id(), null, null, now));
                return HtpBodies.ok(201, "Withdrawal created", new HtpBodies.Withdrawal(entry.id(), card.id(),
                        body.path("wallet_address").asString(), body.path("network").asString(), HtpBodies.money(amount), HtpBodies.money(fee),
                        entry.status(now), now.toString()));
            }
        }
    }

    private SandboxResponse status(SandboxCard card) {
        Optional<HtpWithdrawals.Entry> latest = withdrawals.latestOf(card.id());
        String status = latest.map(entry -> entry.status(clock.instant())).orElse("NOT_FOUND");
        return HtpBodies.ok(200, "OK", new HtpBodies.WithdrawStatus(card.id(), latest.map(HtpWithdrawals.Entry::id).orElse(null),
                status, latest.map(entry -> HtpBodies.money(entry.amount())).orElse(null)));
    }

    /** Runs {@code action} on the card if it exists and belongs to the token's user; HTP's 404 and 403 otherwise. */
    private SandboxResponse withOwnCard(String userId, String cardId, Function<SandboxCard, SandboxResponse> action) {
        Optional<SandboxCard> card = cards.find(ProviderName.HTP, cardId);
        if (card.isEmpty()) {
            return HtpBodies.error(404, "Card not found");
        }
        if (!userId.equals(owner(card.get()))) {
            return HtpBodies.error(403, "Card does not belong to this user");
        }
        return action.apply(card.get());
    }

    private static String owner(SandboxCard card) {
        @Nullable String userId = card.userId();
        return userId == null ? SandboxCredentials.HTP_USER_ID : userId;
    }
}
