package io.cardsweep.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * A provider's access token shared by every withdrawal thread: fetched once, renewed before it expires and
 * once after the provider rejects it. Fetching holds the lock, so concurrent threads wait for one token
 * request instead of spending a rate limit on many. How a token is fetched is each provider's business.
 */
public final class TokenCache {

    /** How a provider gets a new token. */
    @FunctionalInterface
    public interface Source {

        /** @throws TokenUnavailable when no token can be had; nothing was sent for the withdrawal */
        Token fetch() throws TokenUnavailable;
    }

    /** @param expiresAt null for a token kept until the provider rejects it (Nueve09 publishes no lifetime) */
    public record Token(String value, @Nullable Instant expiresAt) {

        public Token {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "Token[value=****, expiresAt=" + expiresAt + "]";
        }
    }

    /** No token could be had; the withdrawal was not sent, and {@link #outcome()} says why. */
    public static final class TokenUnavailable extends Exception {

        private final transient WithdrawalOutcome outcome;

        public TokenUnavailable(WithdrawalOutcome outcome) {
            super(outcome.message(), null, false, false);
            this.outcome = outcome;
        }

        public WithdrawalOutcome outcome() {
            return outcome;
        }
    }

    private final Clock clock;
    private final Duration renewalMargin;
    private final Source source;
    private final Object lock = new Object();
    private @Nullable Token current;

    public TokenCache(Clock clock, Duration renewalMargin, Source source) {
        this.clock = clock;
        this.renewalMargin = renewalMargin;
        this.source = source;
    }

    /** A token that stays valid for at least the renewal margin. */
    public String current() throws TokenUnavailable {
        synchronized (lock) {
            if (current == null || expiresSoon(current)) {
                current = source.fetch();
            }
            return current.value();
        }
    }

    /** A fresh token after {@code rejected} earned an auth failure; if another thread already renewed it, that one. */
    public String renewAfterRejection(String rejected) throws TokenUnavailable {
        synchronized (lock) {
            if (current == null || current.value().equals(rejected)) {
                current = source.fetch();
            }
            return current.value();
        }
    }

    /** A request that carries the token it is given. */
    @FunctionalInterface
    public interface Authorized {

        ProviderAnswer send(String token) throws TransportFailure;
    }

    /**
     * Sends {@code request} with the current token and, when {@code rejected} says the provider refused that token, once
     * more with a renewed one: a provider refuses a token before executing anything, so this one resend cannot execute
     * twice. A second refusal means the credentials themselves are refused.
     *
     * @throws ProviderFatalException the one {@code credentialsRefused} gives, after the second refusal
     */
    public ProviderAnswer send(Authorized request, Predicate<ProviderAnswer> rejected, Supplier<ProviderFatalException> credentialsRefused)
            throws TransportFailure, TokenUnavailable {
        String token = current();
        ProviderAnswer answer = request.send(token);
        if (rejected.test(answer)) {
            answer = request.send(renewAfterRejection(token));
            if (rejected.test(answer)) {
                throw credentialsRefused.get();
            }
        }
        return answer;
    }

    private boolean expiresSoon(Token token) {
        return token.expiresAt() != null && !token.expiresAt().isAfter(clock.instant().plus(renewalMargin));
    }

    @Override
    public String toString() {
        return "TokenCache[current=" + current + "]";
    }
}
