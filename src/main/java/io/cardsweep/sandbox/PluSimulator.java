package io.cardsweep.sandbox;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.cardsweep.provider.ProviderName;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plu's Card Partners API as PROVIDERS.md documents it: a static partner key, a required idempotency key that a
 * reuse within the TTL answers with 400 (no replay of the first answer) and that is forgotten after it, errors as
 * codes in {@code message}, a per-card debit limit ({@link PluDebitLimit}), and a termination that liquidates the
 * card's balance to the partner wallet (at once here; Plu does it asynchronously, and its answer never says how much).
 * Withdrawals and terminations share one memory of keys, as they would at Plu.
 * <p>
 * Plu does not say which refusals consume a key. The sandbox consumes it once a valid request reaches a card past
 * the debit limit, so a request refused with 422 or 429 may be sent again with the same key, as a deferred
 * instruction is; one refused for the card's state or balance has used its key like an executed one.
 */
final class PluSimulator implements ProviderSimulator {

    private static final String WITHDRAW_PATH = "/v1/partner/card/withdraw";
    private static final String TERMINATED = "terminated";

    private final CardBook cards;
    private final WithdrawalJournal journal;
    private final TerminationJournal terminations;
    private final SandboxStats stats;
    private final PluIdempotencyKeys keys;
    private final PluDebitLimit debitLimit;
    private final Clock clock;
    private final JsonMapper json;

    PluSimulator(CardBook cards, WithdrawalJournal journal, TerminationJournal terminations, SandboxStats stats, PluIdempotencyKeys keys,
            PluDebitLimit debitLimit, Clock clock, JsonMapper json) {
        this.terminations = terminations;
        this.cards = cards;
        this.journal = journal;
        this.stats = stats;
        this.keys = keys;
        this.debitLimit = debitLimit;
        this.clock = clock;
        this.json = json;
    }

    @Override
    public ProviderName provider() {
        return ProviderName.PLU;
    }

    @Override
    public String basePath() {
        return "/plu/api";
    }

    @Override
    public SandboxResponse handle(SandboxRequest request) {
        if (!("Bearer " + SandboxCredentials.PLU_API_KEY).equals(request.header("authorization"))) {
            return PluBodies.error(401, "INVALID_API_KEY", "Invalid or missing API key");
        }
        if (request.method().equals("POST") && request.path().equals(WITHDRAW_PATH)) {
            return withdraw(request);
        }
        if (isTermination(request)) {
            return terminate(request.segments().get(4), request.header("idempotency-key"));
        }
        return PluBodies.error(404, "ROUTE_NOT_FOUND", "Cannot " + request.method() + " " + request.path());
    }

    /** {@code DELETE /v1/partner/card/terminate/{serviceCardId}}. */
    @Override
    public boolean isTermination(SandboxRequest request) {
        List<String> path = request.segments();
        return request.is("DELETE", 5) && path.subList(0, 4).equals(List.of("v1", "partner", "card", "terminate"));
    }

    private SandboxResponse withdraw(SandboxRequest request) {
        String key = request.header("idempotency-key");
        Optional<SandboxResponse> keyRefusal = keyRefusal(key);
        if (keyRefusal.isPresent()) {
            return keyRefusal.get();
        }
        Optional<JsonNode> body = SandboxJson.readBody(json, request.body());
        if (body.isEmpty()) {
            return PluBodies.error(400, "BAD_REQUEST", "Request body must be valid JSON");
        }
        List<String> issues = PluWithdrawValidation.issues(body.get());
        if (!issues.isEmpty()) {
            return PluBodies.error(422, "VALIDATION_ERROR", String.join("; ", issues));
        }
        Optional<SandboxCard> card = cards.find(ProviderName.PLU, body.get().path("serviceCardId").asString());
        if (card.isEmpty()) {
            return PluBodies.error(404, "CARD_NOT_FOUND", "Card not found");
        }
        return execute(card.get(), key, body.get().path("amount").decimalValue(), body.get().path("reference").asString());
    }

    private SandboxResponse execute(SandboxCard card, String key, BigDecimal amount, String reference) {
        synchronized (card) {
            Instant now = clock.instant();
            Optional<Duration> wait = debitLimit.waitFor(card.id(), now);
            if (wait.isPresent()) {
                stats.violation(ProviderName.PLU, SandboxStats.RATE_LIMIT);
                return PluBodies.error(429, "CARD_DEBIT_LIMIT", "Card debit limit reached, try again later")
                        .withHeader("Retry-After", Long.toString(wholeSecondsUp(wait.get())));
            }
            if (!keys.claim(key, now)) {
                return keyAlreadyUsed();
            }
            if (!card.status().equalsIgnoreCase("active")) {
                return PluBodies.error(400, "CARD_ALREADY_TERMINATED", "Card is " + card.status() + ", not active");
            }
            if (card.balance().compareTo(amount) < 0) {
                return PluBodies.error(400, "INSUFFICIENT_FUNDS", "Insufficient funds on card");
            }
            card.debit(amount);
            debitLimit.debited(card.id(), now);
            journal.record(new ExecutedWithdrawal(provider().id(), card.id(), amount, TransactionIds.next("plu_tx_"), key, reference, now));
            return PluBodies.withdrawn();
        }
    }

    /**
     * Liquidates the card's balance to the wallet and terminates it. The key is used once the request reaches an existing
     * card, as for a withdrawal, so a second termination with the same key is refused as a reuse within the TTL, and
     * with a fresh key as a card already terminated. A frozen card can be terminated.
     */
    private SandboxResponse terminate(String cardId, @Nullable String key) {
        Optional<SandboxResponse> keyRefusal = keyRefusal(key);
        if (keyRefusal.isPresent()) {
            return keyRefusal.get();
        }
        Optional<SandboxCard> found = cards.find(ProviderName.PLU, cardId);
        if (found.isEmpty()) {
            return PluBodies.error(404, "CARD_NOT_FOUND", "Card not found");
        }
        SandboxCard card = found.get();
        synchronized (card) {
            Instant now = clock.instant();
            if (!keys.claim(key, now)) {
                return keyAlreadyUsed();
            }
            if (card.status().equalsIgnoreCase(TERMINATED)) {
                return PluBodies.error(400, "CARD_ALREADY_TERMINATED", "Card is already terminated");
            }
            BigDecimal liquidated = card.drain();
            card.changeStatus(TERMINATED);
            terminations.record(new ExecutedTermination(provider().id(), card.id(), liquidated, key, now));
            return PluBodies.terminated();
        }
    }

    /** A request without the required key (400), or with one remembered within its TTL (400, not executed again); else none. */
    private Optional<SandboxResponse> keyRefusal(@Nullable String key) {
        if (key == null || key.isBlank()) {
            return Optional.of(PluBodies.error(400, "IDEMPOTENCY_KEY_REQUIRED", "The idempotency-key header is required"));
        }
        return keys.remembers(key, clock.instant()) ? Optional.of(keyAlreadyUsed()) : Optional.empty();
    }

    private static SandboxResponse keyAlreadyUsed() {
        return PluBodies.error(400, "IDEMPOTENCY_KEY_ALREADY_USED", "This idempotency key has already been used");
    }

    /** Retry-After in whole seconds, never 0, so a client that honours it is past the window when it returns. */
    private static long wholeSecondsUp(Duration wait) {
        long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
