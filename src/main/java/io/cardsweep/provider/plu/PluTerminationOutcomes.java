package io.cardsweep.provider.plu;

import java.util.List;

import io.cardsweep.provider.AnswerClassification;
import io.cardsweep.provider.AnswerClassification.Kind;
import io.cardsweep.provider.ProviderAnswer;
import io.cardsweep.provider.ProviderHttp;
import io.cardsweep.provider.TerminationOutcome;
import io.cardsweep.provider.TerminationOutcome.Terminated;
import io.cardsweep.provider.TerminationOutcome.Unknown;

/**
 * Turns Plu's answer to a termination into an outcome. Only a 2xx is the termination's own: Plu liquidates the card's
 * balance to the partner wallet asynchronously, so the answer never says how much (its webhook and transaction list do).
 * Every other answer is judged by the withdrawal's rules ({@link PluOutcomes#refusal}) — a reused key is {@code Unknown}
 * here too — except that {@code CARD_ALREADY_TERMINATED} means there is nothing left to do.
 */
final class PluTerminationOutcomes {

    /** The answers a termination alone can get; any other is classified as for a withdrawal (tested against both). */
    static final List<AnswerClassification> ANSWERS = List.of(
            AnswerClassification.of("2xx `{\"status\":\"success\"}`", Kind.TERMINATED,
                    "the balance is liquidated to the wallet later: refunded not known", 200,
                    "{\"status\":\"success\",\"message\":\"Card terminated successfully\",\"data\":{}}"),
            AnswerClassification.of("2xx without a readable success", Kind.UNKNOWN, "it may have executed", 200, "{\"status\":\"succ"),
            AnswerClassification.of("400 `CARD_ALREADY_TERMINATED`", Kind.ALREADY_TERMINATED, "nothing left to do", 400,
                    PluOutcomes.error("CARD_ALREADY_TERMINATED", "Card is already terminated")));

    private final ProviderHttp http;

    private final PluOutcomes outcomes;

    PluTerminationOutcomes(ProviderHttp http, PluOutcomes outcomes) {
        this.http = http;
        this.outcomes = outcomes;
    }

    TerminationOutcome classify(ProviderAnswer answer) {
        return answer.isSuccess() ? terminated(answer)
                : TerminationOutcome.ofRefusal(outcomes.refusal(answer), declined -> declined.code().equals("CARD_ALREADY_TERMINATED"));
    }

    private TerminationOutcome terminated(ProviderAnswer answer) {
        PluEnvelope body = http.read(answer.body(), PluEnvelope.class);
        if (body == null || !body.saysSuccess()) {
            return new Unknown("MALFORMED_RESPONSE", "Plu answered " + answer.status()
                    + " with a body that is not a termination confirmation; the termination may have been executed");
        }
        return new Terminated(null, "Plu terminated the card; it liquidates the balance to the wallet asynchronously");
    }
}
