package io.cardsweep.provider.cartevo;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

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

    private final ProviderHttp http;

    private final Clock clock;

    CartevoOutcomes(ProviderHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    WithdrawalOutcome classify(ProviderAnswer answer) {
        int status = answer.status();
        if (answer.isSuccess()) {
            return success(answer);
        }
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

    private static String detail(int status, @Nullable String text) {
        String brief = ProviderHttp.brief(text);
        return "Cartevo " + status + (brief.isEmpty() ? "" : ": " + brief);
    }
}
