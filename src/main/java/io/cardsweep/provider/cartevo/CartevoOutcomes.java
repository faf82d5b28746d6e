package io.cardsweep.provider.cartevo;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
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
import io.cardsweep.provider.WithdrawalOutcome.Failed;
import io.cardsweep.provider.WithdrawalOutcome.Succeeded;
import io.cardsweep.provider.WithdrawalOutcome.Unknown;
import org.jspecify.annotations.Nullable;

/**
 * Turns Cartevo's answer to a withdrawal into an outcome. The HTTP status decides the kind of outcome;
 * the message text (English or French, per Cartevo) only refines the code, because texts change and
 * a changed text must never turn a possible execution into a "safe to resend".
 * 401 and 403 are not handled here: they are the adapter's business (token renewal, fatal stop). A 4xx
 * that is not in Cartevo's error envelope comes from something else on the way and stops the run.
 */
final class CartevoOutcomes {

    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

    private static final String CONFIRMATION = """
            {"success":true,"statusCode":201,"message":"Withdrawal successful","data":{"transaction_id":"txn_8a7b6c","card_id":"c1",
             "amount":12.00,"currency":"USD","fee_amount":0.50,"card_balance_before":100.00,"card_balance_after":87.50}}""";

    /** How Cartevo's answers are classified: what the code below does, row by row (tested against it). */
    static final List<AnswerClassification> ANSWERS = List.of(
            AnswerClassification.of("2xx with the withdrawal confirmation", Kind.SUCCEEDED, "transaction id, fee and balances recorded",
                    201, CONFIRMATION),
            AnswerClassification.of("2xx without a readable confirmation", Kind.UNKNOWN, "it may have executed", 201, "{\"success\":true}"),
            AnswerClassification.of("400 (insufficient balance, card terminated, amount too small, …)", Kind.DECLINED,
                    "refused in Cartevo's envelope, nothing executed", 400, error(400, "Insufficient balance", "Bad Request")),
            AnswerClassification.of("404", Kind.DECLINED, "no such card", 404, error(404, "Card not found", "Not Found")),
            AnswerClassification.of("409", Kind.FAILED, "refused, not executed: sent again with backoff", 409,
                    error(409, "Conflict", "Conflict")),
            AnswerClassification.of("429", Kind.DEFERRED, "after `Retry-After`, else 30 s", 429, error(429, "Too many requests", "Too Many Requests")),
            AnswerClassification.of("500/503 \"Withdrawal temporarily unavailable\"", Kind.FAILED,
                    "documented as not executed: sent again with backoff", 503, error(503, "Withdrawal temporarily unavailable", "Service Unavailable")),
            AnswerClassification.of("any other 5xx", Kind.UNKNOWN, "it may have executed", 500, error(500, "Internal server error", "Internal Server Error")),
            AnswerClassification.of("any other 4xx in Cartevo's envelope", Kind.DECLINED, "refused, nothing executed", 422,
                    error(422, "Validation failed", "Unprocessable Entity")),
            AnswerClassification.of("4xx not in Cartevo's envelope", Kind.FATAL, "not Cartevo speaking (base URL, proxy): the run stops", 400,
                    "<html>Bad Request</html>"),
            AnswerClassification.of("401 again after a new token", Kind.FATAL, "credentials refused: the run stops, nothing executed", 401,
                    error(401, "Unauthorized", "Unauthorized")),
            AnswerClassification.of("403", Kind.FATAL, "client not allowed to withdraw: the run stops", 403, error(403, "Forbidden", "Forbidden")));

    static String error(int status, String message, String reason) {
        return "{\"success\":false,\"statusCode\":" + status + ",\"message\":\"" + message + "\",\"error\":\"" + reason + "\"}";
    }

    private final ProviderHttp http;

    private final Clock clock;

    CartevoOutcomes(ProviderHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    WithdrawalOutcome classify(ProviderAnswer answer) {
        return answer.isSuccess() ? success(answer) : refusal(answer);
    }

    /** Any answer but a 2xx, to a withdrawal or to a termination alike: Cartevo's errors do not depend on the endpoint. */
    WithdrawalOutcome refusal(ProviderAnswer answer) {
        int status = answer.status();
        CartevoError error = http.read(answer.body(), CartevoError.class);
        String text = error == null ? "" : error.text();
        if (status == 429) {
            return new Deferred("RATE_LIMITED", detail(status, text), answer.retryAfter(clock, DEFAULT_RETRY_AFTER));
        }
        if (answer.isClientError() && (error == null || !error.isEnvelope())) {
            // Not Cartevo speaking (a wrong base URL, a proxy): every row would be "declined" for nothing.
            throw new ProviderFatalException(ProviderName.CARTEVO, "Cartevo answered HTTP " + status
                    + " in a format that is not Cartevo's, so nothing was executed: check cardsweep.providers.cartevo.base-url.");
        }
        if (status == 400) {
            return new Declined(badRequestCode(text), detail(status, text));
        }
        if (status == 404) {
            return new Declined("CARD_NOT_FOUND", detail(status, text));
        }
        if (status == 409) {
            return new Failed("CONFLICT", detail(status, text) + "; refused, not executed");
        }
        if ((status == 500 || status == 503) && error != null && error.isEnvelope() && isTemporarilyUnavailable(text)) {
            return new Failed("PROVIDER_UNAVAILABLE", detail(status, text) + "; documented as not executed");
        }
        if (answer.isClientError()) {
            return new Declined("PROVIDER_REFUSED", detail(status, text));
        }
        return new Unknown("HTTP_" + status, detail(status, text) + "; the withdrawal may have been executed");
    }

    private WithdrawalOutcome success(ProviderAnswer answer) {
        CartevoWithdrawal body = http.read(answer.body(), CartevoWithdrawal.class);
        if (body == null || !body.isComplete()) {
            return new Unknown("MALFORMED_RESPONSE", "Cartevo answered " + answer.status()
                    + " with a body that is not a withdrawal confirmation; the withdrawal may have been executed");
        }
        CartevoWithdrawal.Data data = body.data();
        return new Succeeded(data.transactionId(), data.amount(), data.feeAmount(), data.cardBalanceBefore(), data.cardBalanceAfter());
    }

    static String badRequestCode(String text) {
        String t = normalize(text);
        if (t.contains("insufficient") || t.contains("insuffisant")) {
            return "INSUFFICIENT_BALANCE";
        }
        if (t.contains("terminated") || t.contains("resiliee") || t.contains("terminee")) {
            return "CARD_TERMINATED";
        }
        if (t.contains("amount") && (t.contains("< 1") || t.contains("less than 1") || t.contains("at least 1") || t.contains("minimum"))
                || t.contains("montant minimum") || t.contains("montant doit") || t.contains("montant inferieur")) {
            return "AMOUNT_TOO_SMALL";
        }
        return "DECLINED_BAD_REQUEST";
    }

    private static boolean isTemporarilyUnavailable(String text) {
        String t = normalize(text);
        return t.contains("temporarily unavailable") || t.contains("temporairement indisponible");
    }

    /** Lower case without accents, so "Résiliée" and "resiliee" match alike. */
    private static String normalize(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    static String detail(int status, @Nullable String text) {
        String brief = ProviderHttp.brief(text);
        return "Cartevo " + status + (brief.isEmpty() ? "" : ": " + brief);
    }
}
