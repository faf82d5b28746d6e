package io.cardsweep.provider.nueve09;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import io.cardsweep.provider.CardBalances;
import io.cardsweep.provider.CardMask;
import io.cardsweep.provider.ProviderAnswer;
import io.cardsweep.provider.ProviderFatalException;
import io.cardsweep.provider.ProviderHttp;
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
 * Withdraws from Nueve09 cards, addressed by card UUID or by a PAN already sealed with Nueve09's public key
 * (see {@link Nueve09CardNumbers}; sealing happens before the ledger, not here). Nueve09 takes no idempotency
 * key, so the withdrawal is sent once; the only resend is after a 401, which Nueve09 answers before executing.
 * Safe to share between threads.
 */
public final class Nueve09Provider implements WithdrawalProvider, CardBalances {

    /** How this adapter classifies the provider's answers to a withdrawal (the README's table). */
    public static final java.util.List<io.cardsweep.provider.AnswerClassification> ANSWERS = Nueve09Outcomes.ANSWERS;

    private static final Logger log = LoggerFactory.getLogger(Nueve09Provider.class);

    private static final int COORDINATE_DECIMALS = 5;

    private final ProviderHttp http;

    private final Nueve09Tokens tokens;

    private final Nueve09Outcomes outcomes;

    public Nueve09Provider(ProviderSettings settings, Clock clock) {
        this(settings, clock, RequestGate.NONE);
    }

    /** With the gate that keeps the provider's request-rate limit; every request passes it. */
    public Nueve09Provider(ProviderSettings settings, Clock clock, RequestGate gate) {
        this.http = new ProviderHttp(ProviderName.NUEVE09, settings, gate);
        this.tokens = new Nueve09Tokens(http, clock, ProviderSettings.required(ProviderName.NUEVE09, settings.apiKey(), "api-key"), ProviderSettings.required(ProviderName.NUEVE09, settings.password(), "password"));
        this.outcomes = new Nueve09Outcomes(http, clock);
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
        Nueve09WithdrawBody body = body(request);
        WithdrawalOutcome outcome;
        try {
            String token = tokens.current();
            ProviderAnswer answer = http.postJsonAuthorized(uri, token, body);
            if (outcomes.isUnauthorized(answer)) {
                answer = http.postJsonAuthorized(uri, tokens.renewAfterRejection(token), body);
                if (outcomes.isUnauthorized(answer)) {
                    throw tokens.credentialsRefused();
                }
            }
            if (answer.status() == 403) {
                throw new ProviderFatalException(ProviderName.NUEVE09, "Nueve09 forbids withdrawals for this API client: "
                        + "ask Nueve09 to enable them, or check cardsweep.providers.nueve09.api-key.");
            }
            outcome = outcomes.classify(answer);
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

    private static Nueve09WithdrawBody body(WithdrawalRequest request) {
        String cardNumber = request.sealedCardNumber() != null ? request.sealedCardNumber() : request.cardId();
        return new Nueve09WithdrawBody(cardNumber, request.amount(),
                coordinate(request.latitude(), "latitude", request), coordinate(request.longitude(), "longitude", request));
    }

    private static BigDecimal coordinate(@Nullable BigDecimal value, String name, WithdrawalRequest request) {
        if (value == null) {
            throw new IllegalArgumentException("Nueve09 withdrawal " + request.instructionKey() + " has no " + name
                    + ": the rules should have required it or filled in the default location.");
        }
        try {
            return value.setScale(COORDINATE_DECIMALS, RoundingMode.UNNECESSARY);
        }
        catch (ArithmeticException ex) {
            throw new IllegalArgumentException("Nueve09 withdrawal " + request.instructionKey() + " has a " + name
                    + " with more than " + COORDINATE_DECIMALS + " decimals: " + value.toPlainString(), ex);
        }
    }

    /**
     * {@code GET /cards/balance?card_number=…&movements=false}, the card addressed as its withdrawals address it (its
     * sealed number, or its id); a refused session is renewed once, like for a withdrawal.
     */
    @Override
    public CardBalances.Reading balance(String cardId, @Nullable String sealedCardNumber) {
        String cardNumber = sealedCardNumber != null ? sealedCardNumber : cardId;
        URI uri = URI.create(http.uri("cards", "balance") + "?card_number=" + URLEncoder.encode(cardNumber, StandardCharsets.UTF_8)
                + "&movements=false");
        try {
            String token = tokens.current();
            ProviderAnswer answer = http.getAuthorized(uri, token);
            if (outcomes.isUnauthorized(answer)) {
                answer = http.getAuthorized(uri, tokens.renewAfterRejection(token));
                if (outcomes.isUnauthorized(answer)) {
                    throw tokens.credentialsRefused();
                }
            }
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
