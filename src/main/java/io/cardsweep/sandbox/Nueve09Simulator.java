package io.cardsweep.sandbox;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.cardsweep.provider.ProviderName;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Nueve09 as PROVIDERS.md documents it: a login whose token comes back in the {@code Authorization} response
 * header, cards named by UUID or by a 16-digit number sealed with the sandbox's RSA key, a location with every
 * withdrawal and status change, errors as HTTP 200 with a non-zero code. No idempotency: every accepted request
 * executes. A card number is only ever used to find the card; the journal and the answers name cards by UUID.
 * <p>
 * Nueve09 documents neither its status values nor what cancelling does to the balance. The sandbox takes ACTIVE,
 * BLOCKED and CANCELED (or CANCELLED); cancelling returns what is left on the card to the client's collection account,
 * as a withdrawal would, and is final.
 */
final class Nueve09Simulator implements ProviderSimulator {

    private static final Set<String> CANCELLED = Set.of("CANCELED", "CANCELLED");
    private static final Set<String> STATUSES = Set.of("ACTIVE", "BLOCKED", "CANCELED", "CANCELLED");

    private final WithdrawalJournal journal;
    private final TerminationJournal terminations;
    private final Nueve09CardLookup cardNumbers;
    private final Nueve09Sessions sessions;
    private final Clock clock;
    private final JsonMapper json;
    private BigDecimal collected = BigDecimal.ZERO;

    Nueve09Simulator(CardBook cards, WithdrawalJournal journal, TerminationJournal terminations, Nueve09Keys keys, Nueve09Sessions sessions,
            Clock clock, JsonMapper json) {
        this.terminations = terminations;
        this.journal = journal;
        this.cardNumbers = new Nueve09CardLookup(cards, keys);
        this.sessions = sessions;
        this.clock = clock;
        this.json = json;
    }

    @Override
    public ProviderName provider() {
        return ProviderName.NUEVE09;
    }

    @Override
    public String basePath() {
        return "/nueve09";
    }

    @Override
    public SandboxResponse handle(SandboxRequest request) {
        List<String> path = request.segments();
        if (request.is("POST", 2) && path.equals(List.of("auth", "login"))) {
            return login(request);
        }
        if (!sessions.isValid(request.header("authorization"))) {
            return Nueve09Bodies.unauthorized("Unauthorized");
        }
        if (request.is("POST", 2) && path.equals(List.of("cards", "withdrawal"))) {
            return withdraw(request);
        }
        if (request.is("GET", 2) && path.equals(List.of("cards", "balance"))) {
            return balance(request.queryParameter("card_number"));
        }
        if (isTermination(request)) {
            return changeStatus(request);
        }
        return new SandboxResponse(404, new Nueve09Bodies.Envelope(false, 404, "Not found: " + request.method() + " " + request.path(), null));
    }

    private SandboxResponse login(SandboxRequest request) {
        Optional<JsonNode> body = SandboxJson.readBody(json, request.body());
        JsonNode client = body.map(b -> b.path("api_client")).orElse(null);
        boolean valid = client != null
                && SandboxCredentials.NUEVE09_API_KEY.equals(client.path("api_key").asString(""))
                && SandboxCredentials.NUEVE09_PASSWORD.equals(client.path("password").asString(""));
        if (!valid) {
            return Nueve09Bodies.unauthorized("Invalid credentials");
        }
        return Nueve09Bodies.ok(null).withHeader("Authorization", sessions.issue());
    }

    private SandboxResponse withdraw(SandboxRequest request) {
        Optional<JsonNode> parsed = SandboxJson.readBody(json, request.body());
        if (parsed.isEmpty() || !parsed.get().isObject()) {
            return Nueve09Bodies.refused(Nueve09Bodies.INVALID_BODY, "Invalid request body");
        }
        JsonNode body = parsed.get();
        if (body.has("pin")) {
            return Nueve09Bodies.refused(Nueve09Bodies.PIN_REFUSED, "PIN not accepted: this sandbox refuses every PIN, cardsweep never sends one");
        }
        JsonNode amount = body.path("amount");
        if (!amount.isNumber() || amount.decimalValue().signum() <= 0) {
            return Nueve09Bodies.refused(Nueve09Bodies.INVALID_AMOUNT, "Invalid amount: must be a number greater than 0");
        }
        if (!isCoordinate(body.path("latitude"), 90) || !isCoordinate(body.path("longitude"), 180)) {
            return Nueve09Bodies.refused(Nueve09Bodies.INVALID_COORDINATES,
                    "Invalid coordinates: latitude -90..90 and longitude -180..180, numbers with at most 5 decimals");
        }
        JsonNode cardNumber = body.path("card_number");
        if (!cardNumber.isString()) {
            return Nueve09Bodies.refused(Nueve09Bodies.INVALID_BODY, "Invalid request body: card_number is required");
        }
        Nueve09CardLookup.Lookup lookup = cardNumbers.find(cardNumber.stringValue());
        if (lookup instanceof Nueve09CardLookup.Missing missing) {
            return Nueve09Bodies.refused(missing.code(), missing.message());
        }
        return execute(((Nueve09CardLookup.Found) lookup).card(), amount.decimalValue());
    }

    private SandboxResponse execute(SandboxCard card, BigDecimal amount) {
        synchronized (card) {
            if (!card.status().toLowerCase(Locale.ROOT).equals("active")) {
                return Nueve09Bodies.refused(Nueve09Bodies.CARD_BLOCKED, "Card is blocked");
            }
            if (card.balance().compareTo(amount) < 0) {
                return Nueve09Bodies.refused(Nueve09Bodies.INSUFFICIENT_FUNDS, "Insufficient funds");
            }
            BigDecimal after = card.debit(amount);
            String operationId = TransactionIds.next("n09_op_");
            journal.record(new ExecutedWithdrawal(provider().id(), card.id(), amount, operationId, null, null, clock.instant()));
            Nueve09Bodies.Operation operation = new Nueve09Bodies.Operation(operationId,
                    operationId.substring(operationId.length() - 6).toUpperCase(Locale.ROOT), amount);
            return Nueve09Bodies.ok(new Nueve09Bodies.Withdrawal(operation, new Nueve09Bodies.Card(card.id(), card.status(), after),
                    new Nueve09Bodies.Account(collect(amount))));
        }
    }

    /** {@code PUT /cards/status}: a status change, which is how a Nueve09 card is terminated. */
    @Override
    public boolean isTermination(SandboxRequest request) {
        return request.is("PUT", 2) && request.segments().equals(List.of("cards", "status"));
    }

    private SandboxResponse changeStatus(SandboxRequest request) {
        Optional<JsonNode> parsed = SandboxJson.readBody(json, request.body());
        if (parsed.isEmpty() || !parsed.get().isObject() || !parsed.get().path("card_number").isString()) {
            return Nueve09Bodies.refused(Nueve09Bodies.INVALID_BODY, "Invalid request body: card_number and status are required");
        }
        JsonNode body = parsed.get();
        String status = body.path("status").asString("").strip().toUpperCase(Locale.ROOT);
        if (!STATUSES.contains(status)) {
            return Nueve09Bodies.refused(Nueve09Bodies.INVALID_STATUS, "Invalid status: must be ACTIVE, BLOCKED or CANCELED");
        }
        if (!isCoordinate(body.path("latitude"), 90) || !isCoordinate(body.path("longitude"), 180)) {
            return Nueve09Bodies.refused(Nueve09Bodies.INVALID_COORDINATES,
                    "Invalid coordinates: latitude -90..90 and longitude -180..180, numbers with at most 5 decimals");
        }
        Nueve09CardLookup.Lookup lookup = cardNumbers.find(body.path("card_number").stringValue());
        if (lookup instanceof Nueve09CardLookup.Missing missing) {
            return Nueve09Bodies.refused(missing.code(), missing.message());
        }
        return changeStatus(((Nueve09CardLookup.Found) lookup).card(), status);
    }

    private SandboxResponse changeStatus(SandboxCard card, String status) {
        synchronized (card) {
            if (CANCELLED.contains(card.status().toUpperCase(Locale.ROOT))) {
                return Nueve09Bodies.refused(Nueve09Bodies.CARD_ALREADY_CANCELED, "Card is already canceled");
            }
            if (CANCELLED.contains(status)) {
                BigDecimal returned = card.drain();
                collect(returned);
                terminations.record(new ExecutedTermination(provider().id(), card.id(), returned, null, clock.instant()));
            }
            card.changeStatus(status);
            return Nueve09Bodies.ok(new Nueve09Bodies.StatusChanged(new Nueve09Bodies.Card(card.id(), status, card.balance())));
        }
    }

    private SandboxResponse balance(@Nullable String cardNumber) {
        if (cardNumber == null || cardNumber.isBlank()) {
            return Nueve09Bodies.refused(Nueve09Bodies.INVALID_BODY, "Invalid request: card_number is required");
        }
        Nueve09CardLookup.Lookup lookup = cardNumbers.find(cardNumber);
        if (lookup instanceof Nueve09CardLookup.Found found) {
            return Nueve09Bodies.ok(new Nueve09Bodies.Balance(found.card().balance()));
        }
        Nueve09CardLookup.Missing missing = (Nueve09CardLookup.Missing) lookup;
        return Nueve09Bodies.refused(missing.code(), missing.message());
    }

    private static boolean isCoordinate(JsonNode node, int limit) {
        if (!node.isNumber()) {
            return false;
        }
        BigDecimal value = node.decimalValue();
        return value.abs().compareTo(BigDecimal.valueOf(limit)) <= 0 && value.stripTrailingZeros().scale() <= 5;
    }

    private synchronized BigDecimal collect(BigDecimal amount) {
        collected = collected.add(amount);
        return collected;
    }
}
