package io.cardsweep.provider.htp;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.cardsweep.provider.ProviderAnswer;
import io.cardsweep.provider.ProviderFatalException;
import io.cardsweep.provider.ProviderHttp;
import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.TokenCache;
import io.cardsweep.provider.TokenCache.Token;
import io.cardsweep.provider.TokenCache.TokenUnavailable;
import io.cardsweep.provider.TransportFailure;
import io.cardsweep.provider.WithdrawalOutcome;
import org.jspecify.annotations.Nullable;

/**
 * HTP's agent token, shared by all threads. HTP has no refresh: a token is asked for again, freshly signed,
 * shortly before expiry and once after an auth failure. Fetching holds the lock, since every token request
 * counts against HTP's 60 requests a minute and concurrent fetches would only spend that budget.
 */
final class HtpTokens {

    /** HTP documents about 30 minutes; used only when an answer leaves {@code expires_in} out. */
    private static final Duration DOCUMENTED_LIFETIME = Duration.ofSeconds(1800);

    private final ProviderHttp http;
    private final Clock clock;
    private final Duration renewalMargin;
    private final HtpIdentity identity;
    private final URI tokenUri;
    private final TokenCache cache;

    HtpTokens(ProviderHttp http, Clock clock, Duration renewalMargin, HtpIdentity identity) {
        this.http = http;
        this.clock = clock;
        this.renewalMargin = renewalMargin;
        this.identity = identity;
        this.tokenUri = http.uri("connect", "token");
        this.cache = new TokenCache(clock, renewalMargin, this::fetch);
    }

    /** A token that stays valid for at least the renewal margin. */
    String current() throws TokenUnavailable {
        return cache.current();
    }

    /** A fresh token after {@code rejected} earned an auth failure; if another thread already renewed it, that one. */
    String renewAfterRejection(String rejected) throws TokenUnavailable {
        return cache.renewAfterRejection(rejected);
    }

    /** Sends {@code request} with a token, and once more with a freshly signed one after an auth failure (HTP's, in the body or not). */
    ProviderAnswer send(TokenCache.Authorized request) throws TransportFailure, TokenUnavailable {
        return cache.send(request, answer -> HtpStatusLookup.isAuthFailure(http, answer), this::credentialsRefused);
    }

    ProviderFatalException credentialsRefused() {
        return new ProviderFatalException(ProviderName.HTP, "HTP refused the agent token (agent id " + identity.agentId()
                + ", user id " + identity.userId() + "): check cardsweep.providers.htp.agent-id/agent-secret/device-id/user-id"
                + " and that this machine's clock is within 5 minutes of the real time.");
    }

    private Token fetch() throws TokenUnavailable {
        Instant askedAt = clock.instant();
        String timestamp = Long.toString(askedAt.getEpochSecond());
        Map<String, String> headers = Map.of("X-Agent-ID", identity.agentId(), "X-Signature", HtpSignature.sign(identity.agentSecret(),
                identity.agentId(), identity.deviceId(), timestamp, identity.userId()));
        ProviderAnswer answer;
        try {
            answer = http.postJson(tokenUri, null, new HtpTokenRequest(identity.deviceId(), timestamp, identity.userId()), headers);
        }
        catch (TransportFailure ex) {
            // Only the token request was in flight; the withdrawal itself was not sent.
            throw new TokenUnavailable(new WithdrawalOutcome.Failed("TOKEN_UNAVAILABLE",
                    "no HTP token (" + ex.outcome().code() + "); the withdrawal was not sent"));
        }
        HtpEnvelope envelope = http.read(answer.body(), HtpEnvelope.class);
        int status = HtpEnvelope.effectiveStatus(answer, envelope);
        if (status == 401 || status == 403) {
            throw credentialsRefused();
        }
        if (status == 429) {
            http.rateLimitedInBody(answer);
            throw new TokenUnavailable(new WithdrawalOutcome.Deferred("RATE_LIMITED",
                    "HTP rate-limited the token request; the withdrawal was not sent",
                    answer.retryAfter(clock, HtpOutcomes.DEFAULT_RETRY_AFTER)));
        }
        String token = status == 200 || status == 201 ? token(envelope) : null;
        if (token == null) {
            throw new TokenUnavailable(new WithdrawalOutcome.Failed("TOKEN_UNAVAILABLE",
                    "HTP token endpoint answered " + status + " without a token; the withdrawal was not sent"));
        }
        return new Token(token, askedAt.plus(lifetime(envelope)));
    }

    private static @Nullable String token(@Nullable HtpEnvelope envelope) {
        if (envelope == null) {
            return null;
        }
        String token = envelope.dataText("access_token");
        return token != null ? token : envelope.dataText("token");
    }

    private static Duration lifetime(@Nullable HtpEnvelope envelope) {
        String seconds = envelope == null ? null : envelope.dataText("expires_in");
        if (seconds == null || !seconds.matches("[0-9]{1,9}")) {
            return DOCUMENTED_LIFETIME;
        }
        return Duration.ofSeconds(Long.parseLong(seconds));
    }
}
