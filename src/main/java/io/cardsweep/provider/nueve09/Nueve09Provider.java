package io.cardsweep.provider.nueve09;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import io.cardsweep.provider.CardBalances;
import io.cardsweep.provider.CardTerminations;
import io.cardsweep.provider.CardMask;
import io.cardsweep.provider.ProviderAnswer;
import io.cardsweep.provider.ProviderFatalException;
import io.cardsweep.provider.ProviderHttp;
import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.ProviderSettings;
import io.cardsweep.provider.RequestGate;
import io.cardsweep.provider.TerminationOutcome;
import io.cardsweep.provider.TerminationRequest;
import io.cardsweep.provider.TokenCache;
import io.cardsweep.provider.TransportFailure;
import io.cardsweep.provider.WithdrawalOutcome;
import io.cardsweep.provider.WithdrawalProvider;
import io.cardsweep.provider.WithdrawalRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Withdraws from Nueve09 cards, reads their balances and terminates them (a status change), addressed by card UUID or
 * by a PAN already sealed with Nueve09's public key (see {@link Nueve09CardNumbers}; sealing happens before the ledger,
 * not here). Nueve09 takes no idempotency key, so each request is sent once; the only resend is after a 401, which
 * Nueve09 answers before executing. Safe to share between threads.
 */
public final class Nueve09Provider implements WithdrawalProvider, CardBalances, CardTerminations {

    /** How this adapter classifies the provider's answers to a withdrawal (the README's table). */
    public static final java.util.List<io.cardsweep.provider.AnswerClassification> ANSWERS = Nueve09Outcomes.ANSWERS;

    /** The answers only a status change can get (the README's table); any other is classified as for a withdrawal. */
    public static final java.util.List<io.cardsweep.provider.AnswerClassification> TERMINATION_ANSWERS = Nueve09TerminationOutcomes.ANSWERS;

    /** The status a card is terminated with unless {@code termination-status} says otherwise: Nueve09 does not document it. */
    static final String DEFAULT_TERMINATION_STATUS = "CANCELED";

    private static final Logger log = LoggerFactory.getLogger(Nueve09Provider.class);

    private static final int COORDINATE_DECIMALS = 5;

    private final ProviderHttp http;

    private final Nueve09Tokens tokens;

    private final Nueve09Outcomes outcomes;

    private final Nueve09TerminationOutcomes terminations;

    private final String terminationStatus;

    public Nueve09Provider(ProviderSettings settings, Clock clock) {
        this(settings, clock, RequestGate.NONE);
    }

    /** With the gate that keeps the provider's request-rate limit; every request passes it. */
    public Nueve09Provider(ProviderSettings settings, Clock clock, RequestGate gate) {
        this.http = new ProviderHttp(ProviderName.NUEVE09, settings, gate);
        this.tokens = new Nueve09Tokens(http, clock, ProviderSettings.required(ProviderName.NUEVE09, settings.apiKey(), "api-key"), ProviderSettings.required(ProviderName.NUEVE09, settings.password(), "password"));
        this.outcomes = new Nueve09Outcomes(http, clock);
        this.terminations = new Nueve09TerminationOutcomes(http, outcomes);
        this.terminationStatus = settings.terminationStatus() == null || settings.terminationStatus().isBlank() ? DEFAULT_TERMINATION_STATUS
                : settings.terminationStatus().strip();
    }

    @Override
    public ProviderName name() {
        return ProviderName.NUEVE09;
    }

    /**
     * @throws IllegalArgumentException when the request has no coordinates: the rules require them (or fill in
     *         the configured default location), so reaching here without them is a programming error
     */
    @Override
    public WithdrawalOutcome withdraw(WithdrawalRequest request) {
        URI uri = http.uri("cards", "withdrawal");
        Nueve09WithdrawBody body = new Nueve09WithdrawBody(cardNumber(request.sealedCardNumber(), request.cardId()), request.amount(),
                coordinate(request.latitude(), "latitude", request.instructionKey()),
                coordinate(request.longitude(), "longitude", request.instructionKey()));
        WithdrawalOutcome outcome;
        try {
            outcome = outcomes.classify(permitted(tokens.send(token -> http.postJsonAuthorized(uri, token, body), outcomes::isUnauthorized),
                    "withdrawals"));
        }
        catch (TokenCache.TokenUnavailable ex) {
            outcome = ex.outcome();
        }
        catch (TransportFailure ex) {
            outcome = ex.outcome();
        }
        log.debug("Nueve09 withdrawal {} on card {}: {}", request.instructionKey(), CardMask.mask(request.cardId()), outcome.code());
        return outcome;
    }

    /**
     * {@code PUT /cards/status} with the configured termination status ({@code termination-status}, {@code CANCELED} by
     * default: Nueve09 does not document the value), the card named as its withdrawals name it. Sent once, like a
     * withdrawal: Nueve09 takes no idempotency key.
     *
     * @throws IllegalArgumentException when the request has no coordinates, as for a withdrawal
     */
    @Override
    public TerminationOutcome terminate(TerminationRequest request) {
        URI uri = http.uri("cards", "status");
        Nueve09StatusBody body = new Nueve09StatusBody(cardNumber(request.sealedCardNumber(), request.cardId()), terminationStatus,
                coordinate(request.latitude(), "latitude", request.instructionKey()),
                coordinate(request.longitude(), "longitude", request.instructionKey()));
        TerminationOutcome outcome;
        try {
            ProviderAnswer answer = tokens.send(token -> http.putJsonAuthorized(uri, token, body), outcomes::isUnauthorized);
            outcome = terminations.classify(permitted(answer, "card status changes"), terminationStatus);
        }
        catch (TokenCache.TokenUnavailable ex) {
            outcome = TerminationOutcome.of(ex.outcome());
        }
        catch (TransportFailure ex) {
            outcome = TerminationOutcome.of(ex.outcome());
        }
        log.debug("Nueve09 termination {} on card {}: {}", request.instructionKey(), CardMask.mask(request.cardId()), outcome.code());
        return outcome;
    }

    /** The answer, unless it is Nueve09's 403: an API client not allowed to do {@code what} stops the run. */
    private static ProviderAnswer permitted(ProviderAnswer answer, String what) {
        if (answer.status() == 403) {
            throw new ProviderFatalException(ProviderName.NUEVE09, "Nueve09 forbids " + what + " for this API client: "
                    + "ask Nueve09 to enable them, or check cardsweep.providers.nueve09.api-key.");
        }
        return answer;
    }

    /** A card named by its sealed number when it has one, else by its id. */
    private static String cardNumber(@Nullable String sealedCardNumber, String cardId) {
        return sealedCardNumber != null ? sealedCardNumber : cardId;
    }

    private static BigDecimal coordinate(@Nullable BigDecimal value, String name, String instructionKey) {
        if (value == null) {
            throw new IllegalArgumentException("Nueve09 instruction " + instructionKey + " has no " + name
                    + ": the rules should have required it or filled in the default location.");
        }
        try {
            return value.setScale(COORDINATE_DECIMALS, RoundingMode.UNNECESSARY);
        }
        catch (ArithmeticException ex) {
            throw new IllegalArgumentException("Nueve09 instruction " + instructionKey + " has a " + name
                    + " with more than " + COORDINATE_DECIMALS + " decimals: " + value.toPlainString(), ex);
        }
    }

    /**
     * {@code GET /cards/balance?card_number=…&movements=false}, the card addressed as its withdrawals address it (its
     * sealed number, or its id); a refused session is renewed once, like for a withdrawal.
     */
    @Override
    public CardBalances.Reading balance(String cardId, @Nullable String sealedCardNumber) {
        URI uri = URI.create(http.uri("cards", "balance") + "?card_number="
                + URLEncoder.encode(cardNumber(sealedCardNumber, cardId), StandardCharsets.UTF_8) + "&movements=false");
        try {
            ProviderAnswer answer = tokens.send(token -> http.getAuthorized(uri, token), outcomes::isUnauthorized);
            Nueve09BalanceAnswer body = answer.status() == 200 ? http.read(answer.body(), Nueve09BalanceAnswer.class) : null;
            if (body == null || body.available() == null) {
                return CardBalances.Reading.failed("the balance read answered HTTP " + answer.status()
                        + (body == null || body.message() == null ? "" : ": " + ProviderHttp.brief(body.message())));
            }
            return CardBalances.Reading.of(body.available());
        }
        catch (TokenCache.TokenUnavailable ex) {
            return CardBalances.Reading.failed(ex.outcome().message());
        }
        catch (TransportFailure ex) {
            return CardBalances.Reading.failed("the balance read got no answer (" + ex.outcome().code() + ")");
        }
    }

    /** Never shows the API key, the password or the token. */
    @Override
    public String toString() {
        return "Nueve09Provider[baseUrl=" + http.baseUrl() + "]";
    }
}
