package io.cardsweep.provider.nueve09;

import java.text.Normalizer;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

import io.cardsweep.provider.AnswerClassification;
import io.cardsweep.provider.AnswerClassification.Kind;
import io.cardsweep.provider.ProviderAnswer;
import io.cardsweep.provider.ProviderFatalException;
import io.cardsweep.provider.ProviderHttp;
import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.WithdrawalOutcome;
import io.cardsweep.provider.WithdrawalOutcome.Declined;
import io.cardsweep.provider.WithdrawalOutcome.Deferred;
import io.cardsweep.provider.WithdrawalOutcome.Succeeded;
import io.cardsweep.provider.WithdrawalOutcome.Unknown;
import org.jspecify.annotations.Nullable;

/**
 * Turns Nueve09's answer to a withdrawal into an outcome. Nueve09 reports errors in the body ({@code code} ≠ 0,
 * usually with HTTP 200), so the code decides a refusal and the message (English or Spanish) only refines the
 * reason code; a refusal Nueve09 answered in its own envelope executed nothing. A 5xx or an unreadable 2xx stays
 * {@code Unknown}: Nueve09 takes no idempotency key. 401 and 403 are the adapter's business (re-login, fatal
 * stop); a 4xx not in Nueve09's envelope comes from something else on the way and stops the run.
 */
final class Nueve09Outcomes {

    /** How Nueve09's answers are classified: what the code below does, row by row (tested against it). */
    static final List<AnswerClassification> ANSWERS = List.of(
            AnswerClassification.of("2xx, `code` 0, with the operation", Kind.SUCCEEDED, "operation id and balances recorded", 200, """
                    {"success":true,"code":0,"message":"OK","data":{"operation":{"id":"op_7781","authorization_code":"A12345",
                     "amount":12.00},"card":{"available":749.50},"account":{"available":10250.50}}}"""),
            AnswerClassification.of("2xx without a readable answer", Kind.UNKNOWN, "it may have executed (no idempotency key)", 200, "{\"succ"),
            AnswerClassification.of("2xx, `code` ≠ 0 (insufficient balance, card blocked, …; a `code` 401 about the session or token"
                    + " is a login to renew, then the withdrawal is sent once more)", Kind.DECLINED,
                    "refused in Nueve09's envelope, nothing executed", 200, error(1001, "Saldo insuficiente")),
            AnswerClassification.of("4xx in Nueve09's envelope", Kind.DECLINED, "refused, nothing executed", 400, error(400, "Bad request")),
            AnswerClassification.of("429", Kind.DEFERRED, "after `Retry-After`", 429, error(429, "Too many requests")),
            AnswerClassification.of("5xx", Kind.UNKNOWN, "it may have executed (no idempotency key)", 500, error(500, "Internal error")),
            AnswerClassification.of("4xx not in Nueve09's envelope", Kind.FATAL, "not Nueve09 speaking (base URL, proxy): the run stops", 400,
                    "<html>Bad Request</html>"),
            AnswerClassification.of("403", Kind.FATAL, "API client not allowed: the run stops", 403, error(403, "Forbidden")));

    static String error(int code, String message) {
        return "{\"success\":false,\"code\":" + code + ",\"message\":\"" + message + "\"}";
    }

    private final ProviderHttp http;

    private final Clock clock;

    Nueve09Outcomes(ProviderHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /**
     * HTTP 401, or an HTTP 200 whose envelope says code 401 about the session or token: the session expired and
     * nothing was executed, so logging in again and resending is safe. A code 401 about anything else is not
     * taken as licence to resend a withdrawal that carries no idempotency key.
     */
    boolean isUnauthorized(ProviderAnswer answer) {
        if (answer.status() == 401) {
            return true;
        }
        Nueve09Answer body = answer.isSuccess() ? http.read(answer.body(), Nueve09Answer.class) : null;
        return body != null && body.isEnvelope() && Boolean.FALSE.equals(body.success()) && body.code() == 401
                && SESSION_WORDS.matcher(java.text.Normalizer.normalize(body.text(), java.text.Normalizer.Form.NFD)).find();
    }

    private static final java.util.regex.Pattern SESSION_WORDS = java.util.regex.Pattern.compile(
            "(?i)token|session|sesio|unauthori|no autorizad|expired|expirad|login");

    WithdrawalOutcome classify(ProviderAnswer answer) {
        Nueve09Answer body = http.read(answer.body(), Nueve09Answer.class);
        return isConfirmation(answer, body) ? success(answer, body) : refusal(answer, body);
    }

    /**
     * A 2xx that is not a refusal in Nueve09's envelope: the operation's own answer, which says it was done or, when it
     * cannot be read, leaves it in doubt.
     */
    static boolean isConfirmation(ProviderAnswer answer, @Nullable Nueve09Answer body) {
        return answer.isSuccess() && (body == null || !body.isEnvelope() || body.isDone());
    }

    /**
     * Any answer {@link #isConfirmation} is not, to a withdrawal or to a status change alike: Nueve09's envelope and its
     * error codes are the same on every endpoint.
     */
    WithdrawalOutcome refusal(ProviderAnswer answer, @Nullable Nueve09Answer body) {
        int status = answer.status();
        String text = body == null ? "" : body.text();
        if (status == 429) {
            return new Deferred("RATE_LIMITED", detail(status, body), answer.retryAfter(clock, Nueve09Tokens.DEFAULT_RETRY_AFTER));
        }
        if (answer.isClientError() && (body == null || !body.isEnvelope())) {
            // Not Nueve09 speaking (a wrong base URL, a proxy): every row would be "declined" for nothing.
            throw new ProviderFatalException(ProviderName.NUEVE09, "Nueve09 answered HTTP " + status
                    + " in a format that is not Nueve09's, so nothing was executed: check cardsweep.providers.nueve09.base-url.");
        }
        if (answer.isClientError() || answer.isSuccess() && body != null && body.isEnvelope() && !body.isDone()) {
            return new Declined(declineCode(body.code(), text), detail(status, body));
        }
        return new Unknown("HTTP_" + status, detail(status, body) + "; the withdrawal may have been executed");
    }

    private WithdrawalOutcome success(ProviderAnswer answer, @Nullable Nueve09Answer body) {
        Nueve09Answer.Operation operation = body == null || body.data() == null ? null : body.data().operation();
        if (body == null || !body.isDone() || operation == null || operation.transactionId() == null) {
            return new Unknown("MALFORMED_RESPONSE", "Nueve09 answered " + answer.status()
                    + " with a body that is not a withdrawal confirmation; the withdrawal may have been executed");
        }
        Nueve09Answer.Card card = body.data().card();
        return new Succeeded(operation.transactionId(), operation.amount(), null, null, card == null ? null : card.balanceAfter());
    }

    /** A reason code from the message where it names a known refusal, else {@code NUEVE09_<code>}. */
    static String declineCode(@Nullable Integer code, String text) {
        String t = normalize(text);
        if (t.contains("insufficient") || t.contains("insuficiente")) {
            return "INSUFFICIENT_BALANCE";
        }
        if (t.contains("not found") || t.contains("no encontrad") || t.contains("no existe")) {
            return "CARD_NOT_FOUND";
        }
        if (t.contains("blocked") || t.contains("bloquead") || t.contains("inactive") || t.contains("inactiva") || t.contains("cancel")) {
            return "CARD_BLOCKED";
        }
        if (t.contains("latitud") || t.contains("longitud") || t.contains("coordinat") || t.contains("coordenad")) {
            return "INVALID_COORDINATES";
        }
        if (t.contains("decrypt") || t.contains("descifr") || t.contains("desencript") || t.contains("encrypt")) {
            return "CARD_NUMBER_UNREADABLE";
        }
        if (t.contains("amount") || t.contains("monto") || t.contains("importe")) {
            return "INVALID_AMOUNT";
        }
        return "NUEVE09_" + (code == null ? "ERROR" : code);
    }

    /** Lower case without accents, so "Tarjeta bloqueada" and "TARJETA BLOQUEADA" match alike. */
    static String normalize(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    private static String detail(int status, @Nullable Nueve09Answer body) {
        String brief = body == null ? "" : ProviderHttp.brief(body.text());
        String code = body == null || body.code() == null ? "" : " code " + body.code();
        return "Nueve09 " + status + code + (brief.isEmpty() ? "" : ": " + brief);
    }
}
