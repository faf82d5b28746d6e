package io.cardsweep.provider.plu;

import java.net.URI;
import java.time.Clock;
import java.util.Map;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;

/**
 * Withdraws from and terminates Plu cards with the static partner key. Each request carries a deterministic
 * idempotency key (the withdrawal's and the termination's differ), so a duplicate delivery inside Plu's 5-minute window is refused instead of executed; Plu
 * forgets keys after that, so the key is a guard, never a licence to resend: every request is sent once and
 * anything ambiguous stays {@code Unknown}. Safe to share between threads (it holds no mutable state).
 */
public final class PluProvider implements WithdrawalProvider, CardTerminations {

    /** How this adapter classifies the provider's answers to a withdrawal (the README's table). */
    public static final java.util.List<io.cardsweep.provider.AnswerClassification> ANSWERS = PluOutcomes.ANSWERS;

    /** The answers only a termination can get (the README's table); any other is classified as for a withdrawal. */
    public static final java.util.List<io.cardsweep.provider.AnswerClassification> TERMINATION_ANSWERS = PluTerminationOutcomes.ANSWERS;

    private static final Logger log = LoggerFactory.getLogger(PluProvider.class);

    static final String IDEMPOTENCY_HEADER = "idempotency-key";

    private final ProviderHttp http;

    private final PluOutcomes outcomes;

    private final PluTerminationOutcomes terminations;

    private final String apiKey;

    private final URI withdrawUri;

    public PluProvider(ProviderSettings settings, Clock clock) {
        this(settings, clock, RequestGate.NONE);
    }

    /** With the gate that keeps the provider's request-rate limit; every request passes it. */
    public PluProvider(ProviderSettings settings, Clock clock, RequestGate gate) {
        this.http = new ProviderHttp(ProviderName.PLU, requireBaseUrl(settings), gate);
        this.apiKey = ProviderSettings.required(ProviderName.PLU, settings.apiKey(), "api-key", "API key");
        this.outcomes = new PluOutcomes(http, clock);
        this.terminations = new PluTerminationOutcomes(http, outcomes);
        this.withdrawUri = http.uri("v1", "partner", "card", "withdraw");
    }

    @Override
    public ProviderName name() {
        return ProviderName.PLU;
    }

    @Override
    public WithdrawalOutcome withdraw(WithdrawalRequest request) {
        String reference = request.reference();
        if (reference == null || reference.isBlank()) {
            // The rules refuse such rows before the ledger; Plu would answer 422 for it.
            return new WithdrawalOutcome.Declined("REFERENCE_REQUIRED", "Plu requires a reference; the withdrawal was not sent");
        }
        WithdrawalOutcome outcome;
        try {
            outcome = outcomes.classify(keyAccepted(http.postJson(withdrawUri, apiKey, new PluWithdrawBody(request.cardId(), request.amount(),
                    reference), Map.of(IDEMPOTENCY_HEADER, request.idempotencyKey().toString())), "withdrawals"));
        }
        catch (TransportFailure ex) {
            outcome = ex.outcome();
        }
        log.debug("Plu withdrawal {}: {}", request.instructionKey(), outcome.code());
        return outcome;
    }

    /**
     * {@code DELETE /v1/partner/card/terminate/{serviceCardId}} with the termination's own idempotency key: Plu liquidates
     * the balance to the wallet asynchronously. Sent once, like a withdrawal; the key guards against duplicate delivery,
     * never licenses a resend.
     */
    @Override
    public TerminationOutcome terminate(TerminationRequest request) {
        URI uri = http.uri("v1", "partner", "card", "terminate", request.cardId());
        TerminationOutcome outcome;
        try {
            outcome = terminations.classify(keyAccepted(http.send(HttpMethod.DELETE, uri, apiKey,
                    Map.of(IDEMPOTENCY_HEADER, request.idempotencyKey().toString())), "card terminations"));
        }
        catch (TransportFailure ex) {
            outcome = TerminationOutcome.of(ex.outcome());
        }
        log.debug("Plu termination {}: {}", request.instructionKey(), outcome.code());
        return outcome;
    }

    /** The answer, unless Plu refused the key (401) or the partner (403): no request can succeed then, so the run stops. */
    private static ProviderAnswer keyAccepted(ProviderAnswer answer, String what) {
        if (answer.status() == 401) {
            throw new ProviderFatalException(ProviderName.PLU, "Plu refused the API key (HTTP 401): check cardsweep.providers.plu.api-key.");
        }
        if (answer.status() == 403) {
            throw new ProviderFatalException(ProviderName.PLU, "Plu forbids " + what + " for this partner (HTTP 403, partner suspended):"
                    + " ask Plu to reinstate the account, or check cardsweep.providers.plu.api-key.");
        }
        return answer;
    }

    /** Checked here rather than left to {@link ProviderHttp} so both missing settings name the key to set. */
    private static ProviderSettings requireBaseUrl(ProviderSettings settings) {
        if (settings.baseUrl() == null) {
            throw new ProviderFatalException(ProviderName.PLU, "Plu has no base URL: set cardsweep.providers.plu.base-url"
                    + " (and cardsweep.providers.plu.api-key).");
        }
        return settings;
    }

    /** Never shows the API key. */
    @Override
    public String toString() {
        return "PluProvider[baseUrl=" + http.baseUrl() + "]";
    }
}
