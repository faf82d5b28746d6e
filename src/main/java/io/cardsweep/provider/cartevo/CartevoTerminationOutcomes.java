package io.cardsweep.provider.cartevo;

import java.math.BigDecimal;
import java.util.List;

import io.cardsweep.provider.AnswerClassification;
import io.cardsweep.provider.AnswerClassification.Kind;
import io.cardsweep.provider.ProviderAnswer;
import io.cardsweep.provider.ProviderHttp;
import io.cardsweep.provider.TerminationOutcome;
import io.cardsweep.provider.TerminationOutcome.Terminated;
import io.cardsweep.provider.TerminationOutcome.Unknown;

/**
 * Turns Cartevo's answer to a termination into an outcome. Only a 2xx is the termination's own; every other answer is
 * judged by the withdrawal's rules ({@link CartevoOutcomes#refusal}), except that a 400 saying the card is terminated
 * means there is nothing left to do.
 */
final class CartevoTerminationOutcomes {

    private static final String CONFIRMATION = """
            {"success":true,"statusCode":201,"message":"Card terminated successfully","data":{"card_id":"c1",
             "card_status":"TERMINATED","refund_processed":true,"balance_before_termination":42.50}}""";

    /** The answers a termination alone can get; any other is classified as for a withdrawal (tested against both). */
    static final List<AnswerClassification> ANSWERS = List.of(
            AnswerClassification.of("2xx with `card_status` TERMINATED", Kind.TERMINATED,
                    "refunded: `balance_before_termination` when `refund_processed` is true, else not known", 201, CONFIRMATION),
            AnswerClassification.of("2xx without a readable confirmation", Kind.UNKNOWN, "it may have executed", 201, "{\"success\":true}"),
            AnswerClassification.of("400 saying the card is terminated", Kind.ALREADY_TERMINATED, "nothing left to do", 400,
                    CartevoOutcomes.error(400, "Card is already terminated", "Bad Request")));

    private final ProviderHttp http;

    private final CartevoOutcomes outcomes;

    CartevoTerminationOutcomes(ProviderHttp http, CartevoOutcomes outcomes) {
        this.http = http;
        this.outcomes = outcomes;
    }

    TerminationOutcome classify(ProviderAnswer answer) {
        return answer.isSuccess() ? terminated(answer)
                : TerminationOutcome.ofRefusal(outcomes.refusal(answer), declined -> declined.code().equals("CARD_TERMINATED"));
    }

    private TerminationOutcome terminated(ProviderAnswer answer) {
        CartevoTermination body = http.read(answer.body(), CartevoTermination.class);
        if (body == null || !body.isComplete()) {
            return new Unknown("MALFORMED_RESPONSE", "Cartevo answered " + answer.status()
                    + " with a body that is not a termination confirmation; the termination may have been executed");
        }
        BigDecimal refunded = body.refunded();
        return new Terminated(refunded, refunded == null ? "Cartevo terminated the card and did not say it refunded the balance"
                : "Cartevo terminated the card and refunded " + refunded.toPlainString());
    }
}
