package io.cardsweep.provider.htp;

import java.math.BigDecimal;

import io.cardsweep.provider.CardBalances;
import io.cardsweep.provider.ProviderAnswer;
import io.cardsweep.provider.ProviderHttp;
import io.cardsweep.provider.TokenCache;
import io.cardsweep.provider.TransportFailure;

/**
 * Reads a card's balance with {@code GET /cards/{uuid}}: {@code data.balance}, which HTP writes as a string ("50.00") or
 * a number, in its envelope, whose {@code status_code} decides (HTP answers errors as HTTP 200). A read executes nothing,
 * so any failure only means "no balance"; an auth failure renews the token once, like for a withdrawal.
 */
final class HtpCardBalance {

    private final ProviderHttp http;
    private final HtpTokens tokens;

    HtpCardBalance(ProviderHttp http, HtpTokens tokens) {
        this.http = http;
        this.tokens = tokens;
    }

    CardBalances.Reading read(String cardUuid) {
        try {
            ProviderAnswer answer = tokens.send(token -> http.get(http.uri("cards", cardUuid), token));
            HtpEnvelope envelope = http.read(answer.body(), HtpEnvelope.class);
            int status = HtpEnvelope.effectiveStatus(answer, envelope);
            if (status == 429) {
                http.rateLimitedInBody(answer);
            }
            BigDecimal balance = envelope == null || !envelope.isEnvelope() || status != 200 ? null : envelope.dataMoney("balance");
            if (balance == null) {
                return CardBalances.Reading.failed("the card read answered " + HtpOutcomes.detail(status, envelope == null ? "" : envelope.text())
                        + (status == 200 ? " without a balance" : ""));
            }
            return CardBalances.Reading.of(balance);
        }
        catch (TokenCache.TokenUnavailable ex) {
            return CardBalances.Reading.failed(ex.outcome().message());
        }
        catch (TransportFailure ex) {
            return CardBalances.Reading.failed("the card read got no answer (" + ex.outcome().code() + ")");
        }
    }
}
