package io.cardsweep.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The idempotency keys Plu remembers. Plu does not replay the first answer for a reused key: within the TTL it
 * refuses with 400, after it the key is forgotten and the same request would execute again. Keys are kept in the
 * order they were claimed, so forgetting the expired ones only ever looks at the oldest.
 */
final class PluIdempotencyKeys {

    private final Duration ttl;
    private final Map<String, Instant> claimedAt = new LinkedHashMap<>();

    PluIdempotencyKeys(Duration ttl) {
        this.ttl = ttl;
    }

    /** Whether {@code key} was claimed within the TTL before {@code now}. */
    synchronized boolean remembers(String key, Instant now) {
        forgetExpired(now);
        return claimedAt.containsKey(key);
    }

    /** Claims {@code key} at {@code now}; false, and nothing changes, when it is still remembered. */
    synchronized boolean claim(String key, Instant now) {
        forgetExpired(now);
        if (claimedAt.containsKey(key)) {
            return false;
        }
        claimedAt.put(key, now);
        return true;
    }

    private void forgetExpired(Instant now) {
        Iterator<Instant> oldestFirst = claimedAt.values().iterator();
        while (oldestFirst.hasNext() && !now.isBefore(oldestFirst.next().plus(ttl))) {
            oldestFirst.remove();
        }
    }
}
