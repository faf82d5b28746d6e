package io.cardsweep.provider.nueve09;

import java.util.List;

import io.cardsweep.provider.AnswerClassification;
import io.cardsweep.provider.AnswerClassification.Kind;
import io.cardsweep.provider.ProviderAnswer;
import io.cardsweep.provider.ProviderHttp;
import io.cardsweep.provider.TerminationOutcome;
import io.cardsweep.provider.TerminationOutcome.Terminated;
import io.cardsweep.provider.TerminationOutcome.Unknown;
import org.jspecify.annotations.Nullable;

/**
 * Turns Nueve09's answer to the status change that terminates a card into an outcome. Only {@code code} 0 in a 2xx is the
 * change's own, and it says nothing of the card's balance, so what it refunded is not known. Every other answer is
 * judged by the withdrawal's rules ({@link Nueve09Outcomes#refusal}: {@code code} ≠ 0 is a refusal), except that a
 * refusal saying the card is already cancelled means there is nothing left to do.
 */
final class Nueve09TerminationOutcomes {

    /** The answers a status change alone can get; any other is classified as for a withdrawal (tested against both). */
    static final List<AnswerClassification> ANSWERS = List.of(
            AnswerClassification.of("2xx, `code` 0", Kind.TERMINATED, "the answer says nothing of the balance: refunded not known", 200,
                    "{\"success\":true,\"code\":0,\"message\":\"OK\",\"data\":{\"card\":{\"id\":\"c1\",\"status\":\"CANCELED\"}}}"),
            AnswerClassification.of("2xx without a readable answer", Kind.UNKNOWN, "it may have executed (no idempotency key)", 200, "{\"succ"),
            AnswerClassification.of("`code` ≠ 0 saying the card is already cancelled", Kind.ALREADY_TERMINATED, "nothing left to do", 200,
                    Nueve09Outcomes.error(1009, "Card is already canceled")));

    private final ProviderHttp http;

    private final Nueve09Outcomes outcomes;

    Nueve09TerminationOutcomes(ProviderHttp http, Nueve09Outcomes outcomes) {
        this.http = http;
        this.outcomes = outcomes;
    }

    TerminationOutcome classify(ProviderAnswer answer, String status) {
        Nueve09Answer body = http.read(answer.body(), Nueve09Answer.class);
        if (Nueve09Outcomes.isConfirmation(answer, body)) {
            return changed(answer, body, status);
        }
        return TerminationOutcome.ofRefusal(outcomes.refusal(answer, body), declined -> body != null && saysAlreadyCancelled(body.text()));
    }

    private static TerminationOutcome changed(ProviderAnswer answer, @Nullable Nueve09Answer body, String status) {
        if (body == null || !body.isDone()) {
            return new Unknown("MALFORMED_RESPONSE", "Nueve09 answered " + answer.status()
                    + " with a body that is not its envelope; the status change may have been executed");
        }
        return new Terminated(null, "Nueve09 set the card's status to " + status);
    }

    /**
     * Nueve09 does not document how it refuses to cancel a cancelled card: "already" with a word for cancelled or closed,
     * in English or Spanish ("La tarjeta ya está cancelada").
     */
    static boolean saysAlreadyCancelled(String text) {
        String t = Nueve09Outcomes.normalize(text);
        boolean already = t.contains("already") || t.contains("ya esta") || t.contains("ya se encuentra");
        return already && (t.contains("cancel") || t.contains("terminat") || t.contains("closed") || t.contains("cerrad") || t.contains("baja"));
    }
}
