package io.cardsweep.provider.htp;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.cardsweep.provider.AnswerClassification;
import io.cardsweep.provider.AnswerClassification.Kind;
import io.cardsweep.provider.ProviderAnswer;
import io.cardsweep.provider.ProviderFatalException;
import io.cardsweep.provider.ProviderHttp;
import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.WithdrawalOutcome;
import io.cardsweep.provider.WithdrawalOutcome.Declined;
import io.cardsweep.provider.WithdrawalOutcome.Deferred;
import io.cardsweep.provider.WithdrawalOutcome.Unknown;
import org.jspecify.annotations.Nullable;

/**
 * Turns HTP's answer to a withdrawal create into an outcome. The effective status (the body's
 * {@code status_code}, since HTP answers most errors as HTTP 200) decides the kind; message texts only refine
 * the code. HTP documents no "not executed" server error, so a 5xx or an unreadable answer stays {@code Unknown}.
 * Auth failures are the adapter's business (renewal, then a fatal stop).
 */
final class HtpOutcomes {

    /**
     * How HTP's answers to a create are classified (HTP answers most errors as HTTP 200 with a {@code status_code}):
     * what the code below and the status following do, row by row (tested against them).
     */
    static final List<AnswerClassification> ANSWERS = List.of(
            AnswerClassification.of("`status_code` 200/201 with the withdrawal, then `withdraw-status` SUCCESS", Kind.SUCCEEDED,
                    "followed until it settles; the one-pending guard held meanwhile", 200,
                    envelope(201, "Withdrawal created", "{\"id\":\"wd_8a7b6c\",\"status\":\"PENDING\",\"amount\":\"50.00\",\"fee\":\"1.00\"}")),
            AnswerClassification.of("2xx not in HTP's envelope", Kind.UNKNOWN, "HTP executes while it answers: it may have executed", 200,
                    "{\"trace_"),
            AnswerClassification.of("`status_code` 429 (or HTTP 429)", Kind.DEFERRED,
                    "after `Retry-After`, else 60 s; the shared request budget slows down", 200, envelope(429, "Too many requests", "null")),
            AnswerClassification.of("`status_code` 409, or a \"pending withdrawal\" message", Kind.DEFERRED,
                    "one pending withdrawal per user: 5 s", 200, envelope(409, "User has a pending withdrawal", "null")),
            AnswerClassification.of("`status_code` 400 (insufficient balance, inactive card, fee, address, network, amount)",
                    Kind.DECLINED, "refused, nothing executed", 200, envelope(400, "Insufficient balance", "null")),
            AnswerClassification.of("`status_code` 404", Kind.DECLINED, "no such card", 200, envelope(404, "Card not found", "null")),
            AnswerClassification.of("`status_code` 403", Kind.DECLINED, "the card is not this user's", 200, envelope(403, "Card not owned", "null")),
            AnswerClassification.of("`status_code` 5xx, or HTTP 5xx", Kind.UNKNOWN, "HTP documents no \"not executed\" server error", 200,
                    envelope(500, "Internal error", "null")),
            AnswerClassification.of("any other `status_code`", Kind.UNKNOWN, "an undocumented code does not prove nothing moved", 200,
                    envelope(418, "Teapot", "null")),
            AnswerClassification.of("4xx not in HTP's envelope", Kind.FATAL, "not HTP speaking (base URL, proxy): the run stops", 400,
                    "<html>Bad Request</html>"));

    private static String envelope(int statusCode, String message, String data) {
        return "{\"trace_id\":\"tr-" + statusCode + "\",\"status_code\":" + statusCode + ",\"message\":\"" + message + "\",\"data\":"
                + data + "}";
    }

    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);

    /** HTP allows one pending withdrawal per user and settles within seconds, so a short wait is enough. */
    static final Duration ONE_PENDING_RETRY = Duration.ofSeconds(5);

    private final ProviderHttp http;
    private final Clock clock;

    HtpOutcomes(ProviderHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** The accepted withdrawal, when HTP answered 200/201 in its envelope. */
    Optional<HtpCreated> created(ProviderAnswer answer) {
        HtpEnvelope envelope = http.read(answer.body(), HtpEnvelope.class);
        if (envelope == null || !envelope.isEnvelope() || !answer.isSuccess()) {
            return Optional.empty();
        }
        int status = HtpEnvelope.effectiveStatus(answer, envelope);
        return status == 200 || status == 201 ? Optional.of(HtpCreated.from(envelope)) : Optional.empty();
    }

    /** Any answer {@link #created} did not accept. */
    WithdrawalOutcome refusal(ProviderAnswer answer) {
        HtpEnvelope envelope = http.read(answer.body(), HtpEnvelope.class);
        int status = HtpEnvelope.effectiveStatus(answer, envelope);
        String text = envelope == null ? "" : envelope.text();
        if (status == 429) {
            http.rateLimitedInBody(answer);
            return new Deferred("RATE_LIMITED", detail(status, text), answer.retryAfter(clock, DEFAULT_RETRY_AFTER));
        }
        if (answer.isServerError() || status >= 500) {
            return new Unknown("HTTP_" + status, detail(status, text) + "; the withdrawal may have been executed");
        }
        if (answer.isSuccess() && (envelope == null || !envelope.isEnvelope())) {
            // HTP executes while it answers the create, so an unreadable success may stand for a withdrawal made.
            return new Unknown("MALFORMED_RESPONSE", "HTP answered HTTP " + answer.status()
                    + " with a body that is not HTP's envelope; the withdrawal may have been executed");
        }
        if (envelope == null || !envelope.isEnvelope()) {
            // A refusal not in HTP's format (a wrong base URL, a proxy): every row would be misjudged the same way.
            throw new ProviderFatalException(ProviderName.HTP, "HTP answered HTTP " + answer.status() + " in a format that is not HTP's,"
                    + " so nothing was executed: check cardsweep.providers.htp.base-url.");
        }
        String t = text.toLowerCase(Locale.ROOT);
        if (status == 409 || t.contains("pending withdrawal") || t.contains("withdrawal is pending") || t.contains("already pending")) {
            return new Deferred("ONE_PENDING", detail(status, text) + "; HTP allows one pending withdrawal per user", ONE_PENDING_RETRY);
        }
        if (status == 404) {
            return new Declined("CARD_NOT_FOUND", detail(status, text));
        }
        if (status == 403) {
            return new Declined("CARD_NOT_OWNED", detail(status, text));
        }
        if (status == 400) {
            return new Declined(badRequestCode(t), detail(status, text));
        }
        // Any other code: HTP answers errors inside a 200 and executes within the same request, so an undocumented
        // code does not prove that nothing moved.
        return new Unknown("UNEXPECTED_STATUS", detail(status, text) + "; the withdrawal may have been executed");
    }

    static String badRequestCode(String lowerText) {
        if (lowerText.contains("insufficient")) {
            return "INSUFFICIENT_BALANCE";
        }
        if (lowerText.contains("not active") || lowerText.contains("inactive") || lowerText.contains("frozen")
                || lowerText.contains("blocked")) {
            return "CARD_NOT_ACTIVE";
        }
        if (lowerText.contains("fee")) {
            return "AMOUNT_NOT_ABOVE_FEE";
        }
        if (lowerText.contains("address")) {
            return "INVALID_WALLET_ADDRESS";
        }
        if (lowerText.contains("network")) {
            return "INVALID_NETWORK";
        }
        if (lowerText.contains("amount")) {
            return "INVALID_AMOUNT";
        }
        return "DECLINED_BAD_REQUEST";
    }

    static String detail(int status, @Nullable String text) {
        String brief = ProviderHttp.brief(text);
        return "HTP " + status + (brief.isEmpty() ? "" : ": " + brief);
    }
}
