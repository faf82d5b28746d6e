package io.cardsweep.provider.htp;

import java.time.Clock;
import java.util.Locale;

import io.cardsweep.provider.ProviderAnswer;
import io.cardsweep.provider.ProviderHttp;
import io.cardsweep.provider.TokenCache;
import io.cardsweep.provider.TransportFailure;
import org.jspecify.annotations.Nullable;

/**
 * Asks HTP once for a card's latest withdrawal status. An auth failure renews the token and asks once more;
 * a second one is fatal (thrown by {@link HtpTokens#credentialsRefused()}), like for a withdrawal.
 */
final class HtpStatusLookup {

    private final ProviderHttp http;
    private final HtpTokens tokens;
    private final Clock clock;

    HtpStatusLookup(ProviderHttp http, HtpTokens tokens, Clock clock) {
        this.http = http;
        this.tokens = tokens;
        this.clock = clock;
    }

    HtpStatusReading read(String cardUuid) {
        try {
            String token = tokens.current();
            ProviderAnswer answer = http.get(http.uri("cards", cardUuid, "withdraw-status"), token);
            if (isAuthFailure(http, answer)) {
                answer = http.get(http.uri("cards", cardUuid, "withdraw-status"), tokens.renewAfterRejection(token));
                if (isAuthFailure(http, answer)) {
                    throw tokens.credentialsRefused();
                }
            }
            return reading(answer);
        }
        catch (TokenCache.TokenUnavailable ex) {
            return HtpStatusReading.failed(ex.outcome().message());
        }
        catch (TransportFailure ex) {
            return HtpStatusReading.failed("status lookup got no answer (" + ex.outcome().code() + ")");
        }
    }

    private HtpStatusReading reading(ProviderAnswer answer) {
        HtpEnvelope envelope = http.read(answer.body(), HtpEnvelope.class);
        int status = HtpEnvelope.effectiveStatus(answer, envelope);
        String text = envelope == null ? "" : envelope.text();
        if (status == 429) {
            http.rateLimitedInBody(answer);
            return HtpStatusReading.rateLimited(HtpOutcomes.detail(status, text) + " on the status lookup",
                    answer.retryAfter(clock, HtpOutcomes.DEFAULT_RETRY_AFTER));
        }
        if (envelope == null || !envelope.isEnvelope() || status != 200 || envelope.dataText("status") == null) {
            return HtpStatusReading.failed("status lookup answered " + HtpOutcomes.detail(status, text));
        }
        return HtpStatusReading.of(envelope.dataText("status").toUpperCase(Locale.ROOT), envelope);
    }

    static boolean isAuthFailure(ProviderHttp http, ProviderAnswer answer) {
        @Nullable HtpEnvelope envelope = http.read(answer.body(), HtpEnvelope.class);
        return HtpEnvelope.effectiveStatus(answer, envelope) == 401;
    }
}
