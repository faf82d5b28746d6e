package io.cardsweep.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Cartevo's access tokens. Cartevo has no refresh, so expiry is the behaviour an adapter must survive
 * (a new token before expiry, one more after a 401); the injected clock lets a test cross that line.
 */
final class CartevoTokens {

    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();

    CartevoTokens(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    String issue() {
        Instant now = clock.instant();
        expiries.values().removeIf(expiry -> !now.isBefore(expiry));
        String token = TransactionIds.next("ctv_at_");
        expiries.put(token, now.plus(ttl));
        return token;
    }

    Duration ttl() {
        return ttl;
    }

    /** True for a token this sandbox issued and whose lifetime has not run out. */
    boolean isValid(@Nullable String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.startsWith("Bearer ")) {
            return false;
        }
        Instant expiry = expiries.get(authorizationHeader.substring("Bearer ".length()).strip());
        return expiry != null && clock.instant().isBefore(expiry);
    }
}
