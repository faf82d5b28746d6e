package io.cardsweep.provider.uncash;

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
import io.cardsweep.provider.TransportFailure;
import io.cardsweep.provider.WithdrawalOutcome;
import io.cardsweep.provider.WithdrawalProvider;
import io.cardsweep.provider.WithdrawalRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;

/**
 * Withdraws from Uncash cards, reads their balances and closes them, with the static API key. Uncash takes no
 * idempotency key and documents no "not executed" server error, so every request is sent exactly once and anything
 * ambiguous stays {@code Unknown}. Safe to share between threads (it holds no mutable state).
 */
public final class UncashProvider implements WithdrawalProvider, CardBalances, CardTerminations {

    /** How this adapter classifies the provider's answers to a withdrawal (the README's table). */
    public static final java.util.List<io.cardsweep.provider.AnswerClassification> ANSWERS = UncashOutcomes.ANSWERS;

    /** The answers only a close can get (the README's table); any other is classified as for a withdrawal. */
    public static final java.util.List<io.cardsweep.provider.AnswerClassification> TERMINATION_ANSWERS = UncashTerminationOutcomes.ANSWERS;

    private static final Logger log = LoggerFactory.getLogger(UncashProvider.class);

    private final ProviderHttp http;

    private final UncashOutcomes outcomes;

    private final UncashTerminationOutcomes terminations;

    private final String apiKey;

    public UncashProvider(ProviderSettings settings, Clock clock) {
        this(settings, clock, RequestGate.NONE);
    }

    /** With the gate that keeps the provider's request-rate limit; every request passes it. */
    public UncashProvider(ProviderSettings settings, Clock clock, RequestGate gate) {
        this.http = new ProviderHttp(ProviderName.UNCASH, settings, gate);
        this.apiKey = ProviderSettings.required(ProviderName.UNCASH, settings.apiKey(), "api-key", "API key");
        this.outcomes = new UncashOutcomes(http, clock);
        this.terminations = new UncashTerminationOutcomes(http, outcomes);
    }

    @Override
    public ProviderName name() {
        return ProviderName.UNCASH;
    }

    @Override
    public WithdrawalOutcome withdraw(WithdrawalRequest request) {
        URI uri = http.uri("cards", request.cardId(), "withdraw");
        WithdrawalOutcome outcome;
        try {
            outcome = outcomes.classify(keyAccepted(http.postJson(uri, apiKey, new UncashWithdrawBody(request.amount()))));
        }
        catch (TransportFailure ex) {
            outcome = ex.outcome();
        }
        log.debug("Uncash withdrawal {}: {}", request.instructionKey(), outcome.code());
        return outcome;
    }

    /**
     * {@code PATCH /cards/{id}/close}: Uncash withdraws what is left on the card, then closes it. It counts as a withdrawal
     * attempt, so the card's cooldown applies to it and starts again with it; sent once, like a withdrawal.
     */
    @Override
    public TerminationOutcome terminate(TerminationRequest request) {
        URI uri = http.uri("cards", request.cardId(), "close");
        TerminationOutcome outcome;
        try {
            outcome = terminations.classify(keyAccepted(http.send(HttpMethod.PATCH, uri, apiKey, Map.of())));
        }
        catch (TransportFailure ex) {
            outcome = TerminationOutcome.of(ex.outcome());
        }
        log.debug("Uncash close {}: {}", request.instructionKey(), outcome.code());
        return outcome;
    }

    /** {@code GET /cards/{id}}; a read does not count as a withdrawal attempt, so it starts no cooldown. */
    @Override
    public CardBalances.Reading balance(String cardId, @Nullable String sealedCardNumber) {
        try {
            return CardBalanceBody.reading(http, keyAccepted(http.get(http.uri("cards", cardId), apiKey)));
        }
        catch (TransportFailure ex) {
            return CardBalances.Reading.failed("the card read got no answer (" + ex.outcome().code() + ")");
        }
    }

    /** The answer, unless Uncash refused the API key (401 or 403), which stops the run before anything executed. */
    private static ProviderAnswer keyAccepted(ProviderAnswer answer) {
        if (answer.status() == 401 || answer.status() == 403) {
            throw refusedKey(answer.status());
        }
        return answer;
    }

    private static ProviderFatalException refusedKey(int status) {
        return new ProviderFatalException(ProviderName.UNCASH, "Uncash refused the API key (HTTP " + status
                + "): check cardsweep.providers.uncash.api-key.");
    }

    /** Never shows the API key. */
    @Override
    public String toString() {
        return "UncashProvider[baseUrl=" + http.baseUrl() + "]";
    }
}
