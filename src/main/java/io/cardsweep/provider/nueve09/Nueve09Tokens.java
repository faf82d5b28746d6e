package io.cardsweep.provider.nueve09;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

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
 * Nueve09's session token, shared by all withdrawal threads. Nueve09 returns it in the {@code Authorization}
 * response header of the login and publishes no lifetime, so it is kept until a 401 says it expired, then
 * renewed once. It is sent back exactly as it came: {@code Bearer x} stays {@code Bearer x} and a bare {@code x}
 * stays bare, because the header value is what Nueve09 issued and rewriting it would be a guess.
 * Logging in holds the lock, so concurrent threads wait for one login instead of making many.
 */
final class Nueve09Tokens {

    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

    private final ProviderHttp http;

    private final Clock clock;

    private final String apiKey;

    private final String password;

    private final URI loginUri;

    private final TokenCache cache;

    Nueve09Tokens(ProviderHttp http, Clock clock, String apiKey, String password) {
        this.http = http;
        this.clock = clock;
        this.apiKey = apiKey;
        this.password = password;
        this.loginUri = http.uri("auth", "login");
        this.cache = new TokenCache(clock, Duration.ZERO, () -> new Token(login(), null));
    }

    /** The {@code Authorization} value to send, logging in first if there is none yet. */
    String current() throws TokenUnavailable {
        return cache.current();
    }

    /** A fresh token after {@code rejected} earned a 401; if another thread already renewed it, that one is reused. */
    String renewAfterRejection(String rejected) throws TokenUnavailable {
        return cache.renewAfterRejection(rejected);
    }

    /**
     * Sends {@code request} with the session token, and once more after logging in again when {@code rejected} says the
     * session was refused (Nueve09 refuses a session before executing anything).
     */
    ProviderAnswer send(TokenCache.Authorized request, java.util.function.Predicate<ProviderAnswer> rejected)
            throws TransportFailure, TokenUnavailable {
        return cache.send(request, rejected, this::credentialsRefused);
    }

    ProviderFatalException credentialsRefused() {
        return new ProviderFatalException(ProviderName.NUEVE09,
                "Nueve09 refused the login: check cardsweep.providers.nueve09.api-key and cardsweep.providers.nueve09.password.");
    }

    private String login() throws TokenUnavailable {
        ProviderAnswer answer;
        try {
            answer = http.postJson(loginUri, null, Nueve09LoginRequest.of(apiKey, password));
        }
        catch (TransportFailure ex) {
            // Only the login was in flight; the withdrawal itself was not sent.
            throw new TokenUnavailable(new WithdrawalOutcome.Failed("TOKEN_UNAVAILABLE",
                    "no Nueve09 session (" + ex.outcome().code() + "); the withdrawal was not sent"));
        }
        int status = answer.status();
        if (status == 400 || status == 401 || status == 403) {
            throw credentialsRefused();
        }
        if (status == 429) {
            throw new TokenUnavailable(new WithdrawalOutcome.Deferred("RATE_LIMITED",
                    "Nueve09 rate-limited the login; the withdrawal was not sent", answer.retryAfter(clock, DEFAULT_RETRY_AFTER)));
        }
        Nueve09Answer body = answer.isSuccess() ? http.read(answer.body(), Nueve09Answer.class) : null;
        if (body != null && body.isEnvelope() && !body.isDone()) {
            throw credentialsRefused();
        }
        String token = answer.authorization();
        if (!answer.isSuccess() || token == null || token.isBlank() || token.strip().equalsIgnoreCase("Bearer")) {
            throw new TokenUnavailable(new WithdrawalOutcome.Failed("TOKEN_UNAVAILABLE",
                    "Nueve09 login answered " + status + " without an Authorization header; the withdrawal was not sent"));
        }
        return token.strip();
    }

    @Override
    public String toString() {
        return "Nueve09Tokens[" + cache + "]";
    }
}
