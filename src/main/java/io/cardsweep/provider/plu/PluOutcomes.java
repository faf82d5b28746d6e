package io.cardsweep.provider.plu;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
 * Turns Plu's answer to a withdrawal into an outcome. Plu names its errors with a code in {@code message}, so
 * the code decides, but only on a 4xx: Plu documents its 500 without saying the withdrawal was not executed,
 * so every 5xx stays {@code Unknown}. 401 and 403 are the adapter's business (fatal stop).
 * <p>
 * A 400 saying the idempotency key was already used is the one answer that looks like a refusal but is not:
 * Plu does not replay the first answer, it only says an earlier request with this key reached it. That earlier
 * request may have executed, so the outcome is {@code Unknown}, never a decline and never a resend.
 * <p>
 * {@code INSUFFICIENT_WALLET_BALANCE} (402) is a {@code Declined}: Plu refused before moving anything, and the
 * shortfall is in the partner's wallet (which pays Plu's fees), not in our configuration, so stopping the run
 * would not fix it; the rows are reported and can be instructed again once the wallet is topped up.
 */
final class PluOutcomes {

    /** How Plu's answers are classified: what the code below does, row by row (tested against it). */
    static final List<AnswerClassification> ANSWERS = List.of(
            AnswerClassification.of("2xx `{\"status\":\"success\"}`", Kind.SUCCEEDED,
                    "Plu returns no transaction id or fee: its webhook brings them", 200,
                    "{\"status\":\"success\",\"message\":\"Card withdrawal successful\",\"data\":{}}"),
            AnswerClassification.of("2xx without a readable confirmation", Kind.UNKNOWN, "it may have executed", 200, "{\"status\":\"succ"),
            AnswerClassification.of("5xx", Kind.UNKNOWN, "Plu does not say its 500 executed nothing", 500,
                    error("INTERNAL_ERROR", "Internal server error")),
            AnswerClassification.of("429, or 400 `CARD_DEBIT_LIMIT`", Kind.DEFERRED,
                    "after `Retry-After` (else 60 s), and never within the 5 minutes Plu remembers the key", 400,
                    error("CARD_DEBIT_LIMIT", "Card debit limit reached")),
            AnswerClassification.of("400 `IDEMPOTENCY_KEY_ALREADY_USED`", Kind.UNKNOWN,
                    "an earlier attempt with this key reached Plu; never sent again", 400,
                    error("IDEMPOTENCY_KEY_ALREADY_USED", "Idempotency key already used")),
            AnswerClassification.of("`CARD_NOT_FOUND`, `CARD_ALREADY_TERMINATED`, `INSUFFICIENT_FUNDS`, 402 `INSUFFICIENT_WALLET_BALANCE`",
                    Kind.DECLINED, "refused, nothing executed", 400, error("INSUFFICIENT_FUNDS", "Insufficient funds")),
            AnswerClassification.of("422", Kind.DECLINED, "invalid input", 422, error("VALIDATION_ERROR", "amount must be positive")),
            AnswerClassification.of("any other 4xx in Plu's envelope", Kind.DECLINED, "refused, nothing executed", 400,
                    error("SOMETHING_NEW", "Refused")),
            AnswerClassification.of("4xx not in Plu's envelope", Kind.FATAL, "not Plu speaking (base URL, proxy): the run stops", 400,
                    "<html>Bad Request</html>"),
            AnswerClassification.of("401", Kind.FATAL, "API key refused: the run stops, nothing executed", 401,
                    error("UNAUTHORIZED", "Invalid API key")),
            AnswerClassification.of("403", Kind.FATAL, "partner suspended: the run stops", 403, error("FORBIDDEN", "Partner suspended")));

    static String error(String code, String text) {
        return "{\"status\":\"error\",\"message\":\"" + code + "\",\"data\":{\"error\":\"" + text + "\"}}";
    }

    /** Plu publishes no rate limit or wait, so a {@code CARD_DEBIT_LIMIT} without Retry-After waits a minute. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);

    /**
     * Plu remembers an idempotency key for 5 minutes, and the next attempt reuses this instruction's key. Should Plu
     * have recorded the key before refusing for its debit limit, an earlier resend would come back "key already
     * used" (UNKNOWN) for a withdrawal that provably did not execute; waiting out the key avoids that.
     */
    static final Duration KEY_LIFETIME = Duration.ofMinutes(5).plusSeconds(5);

    private static Duration atLeastKeyLifetime(Duration wait) {
        return wait.compareTo(KEY_LIFETIME) >= 0 ? wait : KEY_LIFETIME;
    }

    static final String KEY_ALREADY_USED = "IDEMPOTENCY_KEY_ALREADY_USED";

    private static final Set<String> DECLINE_CODES = Set.of(
            "CARD_NOT_FOUND", "CARD_ALREADY_TERMINATED", "INSUFFICIENT_FUNDS", "INSUFFICIENT_WALLET_BALANCE");

    private final ProviderHttp http;

    private final Clock clock;

    PluOutcomes(ProviderHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    WithdrawalOutcome classify(ProviderAnswer answer) {
        return answer.isSuccess() ? success(answer.status(), http.read(answer.body(), PluEnvelope.class)) : refusal(answer);
    }

    /**
     * Any answer but a 2xx, to a withdrawal or to a termination alike: both carry the idempotency key, and Plu's error
     * envelope and codes are the same on every endpoint.
     */
    WithdrawalOutcome refusal(ProviderAnswer answer) {
        int status = answer.status();
        PluEnvelope body = http.read(answer.body(), PluEnvelope.class);
        boolean envelope = body != null && body.isError();
        String code = envelope ? body.code() : "";
        String text = envelope ? body.errorText() : "";
        if (!answer.isClientError()) {
            return new Unknown("HTTP_" + status, detail(status, code, text) + "; the withdrawal may have been executed");
        }
        if (status == 429 || code.equals("CARD_DEBIT_LIMIT")) {
            String deferral = code.equals("CARD_DEBIT_LIMIT") ? code : "RATE_LIMITED";
            return new Deferred(deferral, detail(status, code, text), atLeastKeyLifetime(answer.retryAfter(clock, DEFAULT_RETRY_AFTER)));
        }
        if (saysKeyAlreadyUsed(code, envelope ? text : answer.text())) {
            return new Unknown("IDEMPOTENCY_KEY_REUSED", detail(status, code, text) + "; an earlier attempt with this idempotency key"
                    + " reached Plu before; never re-sent: confirm it from Plu's webhook or transaction list");
        }
        if (!envelope) {
            // Not Plu speaking (a wrong base URL, a proxy): every row would be "declined" for nothing.
            throw new ProviderFatalException(ProviderName.PLU, "Plu answered HTTP " + status
                    + " in a format that is not Plu's, so nothing was executed: check cardsweep.providers.plu.base-url.");
        }
        if (DECLINE_CODES.contains(code)) {
            return new Declined(code, detail(status, code, text));
        }
        if (status == 422) {
            return new Declined("INVALID_INPUT", detail(status, code, text));
        }
        return new Declined("PROVIDER_REFUSED", detail(status, code, text));
    }

    private static WithdrawalOutcome success(int status, @Nullable PluEnvelope body) {
        if (body == null || !body.isSuccess()) {
            return new Unknown("MALFORMED_RESPONSE", "Plu answered " + status
                    + " with a body that is not a withdrawal confirmation; the withdrawal may have been executed");
        }
        // Plu returns no transaction id, fee or balance: its webhook is the only source of those.
        return new Succeeded(null, null, null, null, null);
    }

    /** Plu's code, or its text if a future version words it instead: "Idempotency key already used". */
    static boolean saysKeyAlreadyUsed(String code, String text) {
        if (code.equals(KEY_ALREADY_USED)) {
            return true;
        }
        String all = (code + " " + text).toLowerCase(Locale.ROOT).replace('_', ' ');
        return all.contains("idempotency") && (all.contains("used") || all.contains("already"));
    }

    /** Plu's code is briefed like its text: a code Plu does not document may be a sentence echoing a card number. */
    private static String detail(int status, String rawCode, String text) {
        String brief = ProviderHttp.brief(text);
        String code = ProviderHttp.brief(rawCode);
        String said = code.isEmpty() ? brief : brief.isEmpty() ? code : code + " (" + brief + ")";
        return "Plu " + status + (said.isEmpty() ? "" : ": " + said);
    }
}
