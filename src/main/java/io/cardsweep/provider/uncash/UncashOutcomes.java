package io.cardsweep.provider.uncash;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
 * Turns Uncash's answer to a withdrawal into an outcome. Uncash's message is its only error discriminator,
 * but only 4xx answers are read as refusals: Uncash documents no idempotency and no "not executed" 5xx,
 * so a 5xx or an unreadable success stays {@code Unknown}. 401/403 are the adapter's business (fatal stop).
 */
final class UncashOutcomes {

    private static final String CONFIRMATION = """
            {"success":true,"data":{"card_id":"c1","transaction_id":"tx_51f0","invoice_id":"inv_9921",
             "wallet_balance":1012.50,"new_card_balance":7.50,"amount_withdrawn":12.50}}""";

    /** How Uncash's answers are classified: what the code below does, row by row (tested against it). */
    static final List<AnswerClassification> ANSWERS = List.of(
            AnswerClassification.of("2xx with the withdrawal confirmation", Kind.SUCCEEDED, "transaction id and balances recorded", 200,
                    CONFIRMATION),
            AnswerClassification.of("2xx without a readable confirmation", Kind.UNKNOWN, "it may have executed", 200, "{\"success\":true}"),
            AnswerClassification.of("4xx \"Please wait N minutes between withdrawals\"", Kind.DEFERRED,
                    "the card's cooldown: until it ends (15 min unless Uncash says otherwise)", 400,
                    error("Please wait 15 minutes between withdrawals")),
            AnswerClassification.of("429", Kind.DEFERRED, "after `Retry-After`, else 30 s", 429, error("Too many requests")),
            AnswerClassification.of("4xx \"Insufficient card balance\"", Kind.DECLINED, "refused, nothing executed", 400,
                    error("Insufficient card balance")),
            AnswerClassification.of("4xx \"Card is not ready for withdrawals\"", Kind.DECLINED, "frozen or closed card", 400,
                    error("Card is not ready for withdrawals")),
            AnswerClassification.of("4xx \"Invalid input\"", Kind.DECLINED, "the fields Uncash names", 400, error("Invalid input")),
            AnswerClassification.of("404", Kind.DECLINED, "no such card", 404, error("Card not found")),
            AnswerClassification.of("any other 4xx in Uncash's envelope", Kind.DECLINED, "refused, nothing executed", 422,
                    error("Unprocessable")),
            AnswerClassification.of("5xx", Kind.UNKNOWN, "Uncash documents no \"not executed\" server error", 500, error("Internal server error")),
            AnswerClassification.of("4xx not in Uncash's envelope", Kind.FATAL, "not Uncash speaking (base URL, proxy): the run stops", 400,
                    "<html>Bad Request</html>"),
            AnswerClassification.of("401 or 403", Kind.FATAL, "API key refused: the run stops, nothing executed", 401, error("Unauthorized")));

    static String error(String message) {
        return "{\"success\":false,\"message\":\"" + message + "\",\"timestamp\":\"2026-03-01T10:00:00.000Z\"}";
    }

    static final Duration COOLDOWN = Duration.ofMinutes(15);

    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

    private static final Pattern WAIT_MINUTES = Pattern.compile("wait\\s+(\\d{1,4})\\s+(?:more\\s+)?minute", Pattern.CASE_INSENSITIVE);

    private final ProviderHttp http;

    private final Clock clock;

    UncashOutcomes(ProviderHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    WithdrawalOutcome classify(ProviderAnswer answer) {
        return answer.isSuccess() ? success(answer) : refusal(answer);
    }

    /**
     * Any answer but a 2xx, to a withdrawal or to a close alike: Uncash counts a close as a withdrawal attempt, under the
     * same cooldown, and words its errors the same way.
     */
    WithdrawalOutcome refusal(ProviderAnswer answer) {
        int status = answer.status();
        UncashError error = http.read(answer.body(), UncashError.class);
        String text = error == null ? "" : error.text();
        String lower = text.toLowerCase(Locale.ROOT);
        if (answer.isClientError() && lower.contains("between withdrawals")) {
            Duration wait = max(cooldown(text), status == 429 ? answer.retryAfter(clock, Duration.ZERO) : Duration.ZERO);
            return new Deferred("COOLDOWN", detail(status, text), wait);
        }
        if (status == 429) {
            return new Deferred("RATE_LIMITED", detail(status, text), answer.retryAfter(clock, DEFAULT_RETRY_AFTER));
        }
        if (answer.isClientError() && (error == null || !error.isEnvelope())) {
            // Not Uncash speaking (a wrong base URL, a proxy): every row would be "declined" for nothing.
            throw new ProviderFatalException(ProviderName.UNCASH, "Uncash answered HTTP " + status
                    + " in a format that is not Uncash's, so nothing was executed: check cardsweep.providers.uncash.base-url.");
        }
        if (!answer.isClientError()) {
            return new Unknown("HTTP_" + status, detail(status, text) + "; the withdrawal may have been executed");
        }
        if (lower.contains("insufficient card balance")) {
            return new Declined("INSUFFICIENT_BALANCE", detail(status, text));
        }
        if (lower.contains("not ready for withdrawal")) {
            return new Declined("CARD_NOT_READY", detail(status, text));
        }
        if (lower.contains("invalid input") && error != null) {
            return new Declined("INVALID_INPUT", detail(status, text + issues(error)));
        }
        if (status == 404) {
            return new Declined("CARD_NOT_FOUND", detail(status, text));
        }
        return new Declined("PROVIDER_REFUSED", detail(status, text));
    }

    private WithdrawalOutcome success(ProviderAnswer answer) {
        UncashWithdrawal body = http.read(answer.body(), UncashWithdrawal.class);
        if (body == null || !body.isComplete()) {
            return new Unknown("MALFORMED_RESPONSE", "Uncash answered " + answer.status()
                    + " with a body that is not a withdrawal confirmation; the withdrawal may have been executed");
        }
        UncashWithdrawal.Data data = body.data();
        return new Succeeded(data.transactionId(), data.amountWithdrawn(), null, data.cardBalanceBefore(), data.cardBalanceAfter());
    }

    /** The wait Uncash names ("Please wait 15 minutes…"), else its documented 15 minutes. */
    static Duration cooldown(String text) {
        Matcher m = WAIT_MINUTES.matcher(text);
        return m.find() ? Duration.ofMinutes(Long.parseLong(m.group(1))) : COOLDOWN;
    }

    private static String issues(UncashError error) {
        if (error.issues().isEmpty()) {
            return "";
        }
        return error.issues().stream()
                .map(i -> (i.path() == null ? "?" : i.path().stream().map(String::valueOf).collect(Collectors.joining("."))) + " " + i.code())
                .collect(Collectors.joining(", ", " (", ")"));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String detail(int status, @Nullable String text) {
        String brief = ProviderHttp.brief(text);
        return "Uncash " + status + (brief.isEmpty() ? "" : ": " + brief);
    }
}
