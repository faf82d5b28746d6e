package io.cardsweep.sandbox;

import java.util.Map;
import java.util.TreeMap;

import io.cardsweep.provider.ProviderName;

/**
 * What each simulated provider received and refused for pacing: requests, and the limit violations it
 * answered (rate limit, cooldown, one pending withdrawal). A paced run should earn none.
 */
public final class SandboxStats {

    /** Violation kinds, as named in {@code GET /_sandbox/stats}. */
    public static final String RATE_LIMIT = "rate_limit";
    public static final String COOLDOWN = "cooldown";
    public static final String ONE_PENDING = "one_pending";

    /** One provider's counts. */
    public record ProviderStats(long requests, Map<String, Long> violations) {

        public long violationCount() {
            return violations.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final Map<String, long[]> requests = new TreeMap<>();
    private final Map<String, Map<String, Long>> violations = new TreeMap<>();

    synchronized void request(ProviderName provider) {
        requests.computeIfAbsent(provider.id(), p -> new long[1])[0]++;
    }

    synchronized void violation(ProviderName provider, String kind) {
        violations.computeIfAbsent(provider.id(), p -> new TreeMap<>()).merge(kind, 1L, Long::sum);
    }

    synchronized Map<String, ProviderStats> snapshot() {
        Map<String, ProviderStats> snapshot = new TreeMap<>();
        requests.forEach((provider, count) -> snapshot.put(provider,
                new ProviderStats(count[0], Map.copyOf(violations.getOrDefault(provider, Map.of())))));
        violations.forEach((provider, kinds) -> snapshot.putIfAbsent(provider, new ProviderStats(0, Map.copyOf(kinds))));
        return snapshot;
    }
}
