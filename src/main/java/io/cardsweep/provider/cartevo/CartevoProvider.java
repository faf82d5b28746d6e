package io.cardsweep.provider.cartevo;

import java.net.URI;
import java.time.Clock;
import java.util.Map;

import io.cardsweep.provider.CardBalanceBody;
import io.cardsweep.provider.CardBalances;
import io.cardsweep.provider.CardTerminations;
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
import org.springframework.http.HttpMethod;

/**
 * Withdraws from Cartevo cards, reads their balances and terminates them. Cartevo takes no idempotency key, so a
 * withdrawal or termination is sent once; the only resend is after a 401, which Cartevo answers before executing
 * anything. Safe to share between threads.
 */
public final class CartevoProvider implements WithdrawalProvider, CardBalances, CardTerminations {

    /** How this adapter classifies Cartevo's answers to a withdrawal (the README's table). */
    public static final java.util.List<io.cardsweep.provider.AnswerClassification> ANSWERS = CartevoOutcomes.ANSWERS;

    /** The answers only a termination can get (the README's table); any other is classified as for a withdrawal. */
    public static final java.util.List<io.cardsweep.provider.AnswerClassification> TERMINATION_ANSWERS = CartevoTerminationOutcomes.ANSWERS;

    private static final Logger log = LoggerFactory.getLogger(CartevoProvider.class);

    private final ProviderHttp http;

    private final CartevoTokens tokens;

    private final CartevoOutcomes outcomes;

    private final CartevoTerminationOutcomes terminations;

    private final String clientId;

    public CartevoProvider(ProviderSettings settings, Clock clock) {
        this(settings, clock, RequestGate.NONE);
    }

    /** With the gate that keeps the provider's request-rate limit; every request passes it. */
    public CartevoProvider(ProviderSettings settings, Clock clock, RequestGate gate) {
        this.http = new ProviderHttp(ProviderName.CARTEVO, settings, gate);
        this.clientId = ProviderSettings.required(ProviderName.CARTEVO, settings.clientId(), "client-id");
        this.tokens = new CartevoTokens(http, clock, settings.tokenRenewalMargin(), clientId, ProviderSettings.required(ProviderName.CARTEVO, settings.clientKey(), "client-key"));
        this.outcomes = new CartevoOutcomes(http, clock);
        this.terminations = new CartevoTerminationOutcomes(http, outcomes);
    }

    @Override
    public ProviderName name() {
        return ProviderName.CARTEVO;
    }

    @Override
    public WithdrawalOutcome withdraw(WithdrawalRequest request) {
        URI uri = http.uri("cards", request.cardId(), "withdraw");
        CartevoWithdrawBody body = new CartevoWithdrawBody(request.amount());
        WithdrawalOutcome outcome;
        try {
            outcome = outcomes.classify(permitted(tokens.send(token -> http.postJson(uri, token, body)), "withdrawals"));
        }
        catch (TokenCache.TokenUnavailable ex) {
            outcome = ex.outcome();
        }
        catch (TransportFailure ex) {
            outcome = ex.outcome();
        }
        log.debug("Cartevo withdrawal {}: {}", request.instructionKey(), outcome.code());
        return outcome;
    }

    /**
     * {@code POST /cards/{id}/terminate}, which refunds the card's balance itself; sent once, like a withdrawal (the only
     * resend is after a 401, which Cartevo answers before executing anything).
     */
    @Override
    public TerminationOutcome terminate(TerminationRequest request) {
        URI uri = http.uri("cards", request.cardId(), "terminate");
        TerminationOutcome outcome;
        try {
            outcome = terminations.classify(permitted(tokens.send(token -> http.send(HttpMethod.POST, uri, token, Map.of())),
                    "card terminations"));
        }
        catch (TokenCache.TokenUnavailable ex) {
            outcome = TerminationOutcome.of(ex.outcome());
        }
        catch (TransportFailure ex) {
            outcome = TerminationOutcome.of(ex.outcome());
        }
        log.debug("Cartevo termination {}: {}", request.instructionKey(), outcome.code());
        return outcome;
    }

    /** The answer, unless it is Cartevo's 403: a client not allowed to do {@code what} stops the run. */
    private ProviderAnswer permitted(ProviderAnswer answer, String what) {
        if (answer.status() == 403) {
            throw new ProviderFatalException(ProviderName.CARTEVO, "Cartevo forbids " + what + " for client id " + clientId
                    + ": ask Cartevo to enable them, or check cardsweep.providers.cartevo.client-id.");
        }
        return answer;
    }

    /** {@code GET /cards/{id}}; renews the token once after a 401, like a withdrawal. */
    @Override
    public CardBalances.Reading balance(String cardId, @Nullable String sealedCardNumber) {
        URI uri = http.uri("cards", cardId);
        try {
            return CardBalanceBody.reading(http, tokens.send(token -> http.get(uri, token)));
        }
        catch (TokenCache.TokenUnavailable ex) {
            return CardBalances.Reading.failed(ex.outcome().message());
        }
        catch (TransportFailure ex) {
            return CardBalances.Reading.failed("the card read got no answer (" + ex.outcome().code() + ")");
        }
    }

    /** Never shows the client key or the token. */
    @Override
    public String toString() {
        return "CartevoProvider[baseUrl=" + http.baseUrl() + ", clientId=" + clientId + "]";
    }
}
