package io.cardsweep.provider.cartevo;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.cardsweep.provider.ProviderAnswer;
import io.cardsweep.provider.ProviderFatalException;
import io.cardsweep.provider.ProviderHttp;
import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.TokenCache;
import io.cardsweep.provider.TokenCache.Token;
import io.cardsweep.provider.TokenCache.TokenUnavailable;
import io.cardsweep.provider.TransportFailure;
import io.cardsweep.provider.WithdrawalOutcome;

/**
 * Cartevo's access token, shared by all withdrawal threads. Cartevo has no refresh token, so a new one is
 * fetched shortly before expiry and once after a 401. Fetching holds the lock: threads that need a token
 * would only wait for the same answer, and one fetch instead of many keeps us inside Cartevo's rate limit.
 */
final class CartevoTokens {

    /** Cartevo documents 3600 s; used only if an answer leaves {@code expires_in} out. */
    private static final Duration DOCUMENTED_LIFETIME = Duration.ofHours(1);

    private final ProviderHttp http;

    private final Clock clock;

    private final Duration renewalMargin;

    private final String clientId;

    private final String clientKey;

    private final URI tokenUri;

    private final TokenCache cache;

    CartevoTokens(ProviderHttp http, Clock clock, Duration renewalMargin, String clientId, String clientKey) {
        this.http = http;
        this.clock = clock;
        this.renewalMargin = renewalMargin;
        this.clientId = clientId;
        this.clientKey = clientKey;
        this.tokenUri = http.uri("auth", "token");
        this.cache = new TokenCache(clock, renewalMargin, this::fetch);
    }

    /** A token that stays valid for at least the renewal margin. */
    String current() throws TokenUnavailable {
        return cache.current();
    }

    /** A fresh token after {@code rejected} earned a 401; if another thread already renewed it, that one is reused. */
    String renewAfterRejection(String rejected) throws TokenUnavailable {
        return cache.renewAfterRejection(rejected);
    }

    /** Sends {@code request} with a token, and once more with a new one after a 401 (Cartevo refuses a token before executing). */
    ProviderAnswer send(TokenCache.Authorized request) throws TransportFailure, TokenUnavailable {
        return cache.send(request, answer -> answer.status() == 401, this::credentialsRefused);
    }

    ProviderFatalException credentialsRefused() {
        return new ProviderFatalException(ProviderName.CARTEVO, "Cartevo refused the credentials (client id " + clientId
                + "): check cardsweep.providers.cartevo.client-id/client-key.");
    }

    private Token fetch() throws TokenUnavailable {
        Instant askedAt = clock.instant();
        ProviderAnswer answer;
        try {
            answer = http.postJson(tokenUri, null, new CartevoTokenRequest(clientId, clientKey));
        }
        catch (TransportFailure ex) {
            // Only the token request was in flight; the withdrawal itself was not sent.
            throw new TokenUnavailable(new WithdrawalOutcome.Failed("TOKEN_UNAVAILABLE",
                    "no Cartevo access token (" + ex.outcome().code() + "); the withdrawal was not sent"));
        }
        int status = answer.status();
        if (status == 400 || status == 401 || status == 403) {
            throw credentialsRefused();
        }
        if (status == 429) {
            throw new TokenUnavailable(new WithdrawalOutcome.Deferred("RATE_LIMITED",
                    "Cartevo rate-limited the token request; the withdrawal was not sent",
                    answer.retryAfter(clock, CartevoOutcomes.DEFAULT_RETRY_AFTER)));
        }
        CartevoTokenResponse token = answer.isSuccess() ? http.read(answer.body(), CartevoTokenResponse.class) : null;
        if (token == null || token.accessToken() == null || token.accessToken().isBlank()) {
            throw new TokenUnavailable(new WithdrawalOutcome.Failed("TOKEN_UNAVAILABLE",
                    "Cartevo token endpoint answered " + status + " without a token; the withdrawal was not sent"));
        }
        Duration lifetime = token.expiresIn() == null ? DOCUMENTED_LIFETIME : Duration.ofSeconds(token.expiresIn());
        return new Token(token.accessToken(), askedAt.plus(lifetime));
    }
}
