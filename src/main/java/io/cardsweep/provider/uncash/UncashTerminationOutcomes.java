package io.cardsweep.provider.uncash;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import io.cardsweep.provider.AnswerClassification;
import io.cardsweep.provider.AnswerClassification.Kind;
import io.cardsweep.provider.ProviderAnswer;
import io.cardsweep.provider.ProviderHttp;
import io.cardsweep.provider.TerminationOutcome;
import io.cardsweep.provider.TerminationOutcome.Terminated;
import io.cardsweep.provider.TerminationOutcome.Unknown;

/**
 * Turns Uncash's answer to a close into an outcome. Only a 2xx is the close's own, and Uncash does not document its
 * shape: its success envelope is taken as done, reading a payout where one is named. Every other answer is judged by the
 * withdrawal's rules ({@link UncashOutcomes#refusal}) — a "Please wait 15 minutes" included, since a close counts as a
 * withdrawal attempt — except that a refusal saying the card is already closed means there is nothing left to do.
 */
final class UncashTerminationOutcomes {

    /** The answers a close alone can get; any other is classified as for a withdrawal (tested against both). */
    static final List<AnswerClassification> ANSWERS = List.of(
            AnswerClassification.of("2xx `{\"success\":true}`", Kind.TERMINATED,
                    "refunded: the payout the answer names (`amount_withdrawn` or alike), else not known", 200,
                    "{\"success\":true,\"message\":\"Card closed\",\"data\":{\"card_id\":\"c1\",\"status\":\"closed\",\"amount_withdrawn\":7.50}}"),
            AnswerClassification.of("2xx without a readable success", Kind.UNKNOWN, "it may have executed", 200, "{\"success\":fal"),
            AnswerClassification.of("4xx saying the card is already closed", Kind.ALREADY_TERMINATED, "nothing left to do", 400,
                    UncashOutcomes.error("Card is already closed")));

    private final ProviderHttp http;

    private final UncashOutcomes outcomes;

    UncashTerminationOutcomes(ProviderHttp http, UncashOutcomes outcomes) {
        this.http = http;
        this.outcomes = outcomes;
    }

    TerminationOutcome classify(ProviderAnswer answer) {
        if (answer.isSuccess()) {
            return closed(answer);
        }
        UncashError error = http.read(answer.body(), UncashError.class);
        return TerminationOutcome.ofRefusal(outcomes.refusal(answer), declined -> error != null && saysAlreadyClosed(error.text()));
    }

    private TerminationOutcome closed(ProviderAnswer answer) {
        UncashClose body = http.read(answer.body(), UncashClose.class);
        if (body == null || !body.isSuccess()) {
            return new Unknown("MALFORMED_RESPONSE", "Uncash answered " + answer.status()
                    + " with a body that is not a close confirmation; the close may have been executed");
        }
        BigDecimal payout = body.payout();
        return new Terminated(payout, payout == null ? "Uncash closed the card and did not say what it paid out"
                : "Uncash closed the card and paid out " + payout.toPlainString());
    }

    /** Uncash's wording for closing a closed card is not documented: "already closed", "card is closed", "has been closed". */
    static boolean saysAlreadyClosed(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return t.contains("already closed") || t.contains("card is closed") || t.contains("has been closed");
    }
}
