package io.cardsweep.sandbox;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Nueve09's session tokens. Nueve09 publishes no lifetime, so the sandbox keeps them for its own lifetime; a
 * token is handed out as {@code Bearer <token>} in the login's {@code Authorization} header and accepted back
 * with or without the {@code Bearer} prefix, since clients differ in what they echo.
 */
final class Nueve09Sessions {

    private static final String BEARER = "Bearer ";

    private final Set<String> issued = ConcurrentHashMap.newKeySet();

    /** The {@code Authorization} header value of a new session. */
    String issue() {
        String token = TransactionIds.next("n09_at_");
        issued.add(token);
        return BEARER + token;
    }

    boolean isValid(@Nullable String authorizationHeader) {
        if (authorizationHeader == null) {
            return false;
        }
        String value = authorizationHeader.strip();
        String token = value.regionMatches(true, 0, BEARER, 0, BEARER.length()) ? value.substring(BEARER.length()).strip() : value;
        return issued.contains(token);
    }
}
