package io.cardsweep.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import io.cardsweep.provider.ProviderName;
import org.jspecify.annotations.Nullable;

/**
 * What each simulated provider received and refused for pacing: requests, and the limit violations it
 * answered (rate limit, cooldown, one pending withdrawal). A paced run should earn none.
 */
public final class SandboxStats {

    /** Violation kinds, as named in {@code GET /_sandbox/stats}. */
    public static final String RATE_LIMIT = "rate_limit";
    public static final String COOLDOWN = "cooldown";
    public static final String ONE_PENDING = "one_pending";

    /**
     * One provider's counts.
     *
     * @param faults the faults injected ({@link FaultPlan}), by kind: not violations, the sandbox's own doing
     * @param firstRequestAt when its first request arrived (null if none did); with {@code lastRequestAt}, the span
     *        over which a benchmark measures the rate it achieved
     */
    public record ProviderStats(long requests, Map<String, Long> violations, Map<String, Long> faults, @Nullable Instant firstRequestAt,
            @Nullable Instant lastRequestAt) {

        public long violationCount() {
            return violations.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final Clock clock;
    private final Map<String, long[]> requests = new TreeMap<>();
    private final Map<String, Instant[]> spans = new TreeMap<>();
    private final Map<String, Map<String, Long>> violations = new TreeMap<>();
    private final Map<String, Map<String, Long>> faults = new TreeMap<>();

    SandboxStats(Clock clock) {
        this.clock = clock;
    }

    synchronized void request(ProviderName provider) {
        requests.computeIfAbsent(provider.id(), p -> new long[1])[0]++;
        Instant now = clock.instant();
        Instant[] span = spans.computeIfAbsent(provider.id(), p -> new Instant[] {now, now});
        span[1] = now;
    }

    synchronized void violation(ProviderName provider, String kind) {
        violations.computeIfAbsent(provider.id(), p -> new TreeMap<>()).merge(kind, 1L, Long::sum);
    }

    synchronized void fault(ProviderName provider, String kind) {
        faults.computeIfAbsent(provider.id(), p -> new TreeMap<>()).merge(kind, 1L, Long::sum);
    }

    synchronized Map<String, ProviderStats> snapshot() {
        Map<String, ProviderStats> snapshot = new TreeMap<>();
        requests.forEach((provider, count) -> snapshot.put(provider, new ProviderStats(count[0],
                Map.copyOf(violations.getOrDefault(provider, Map.of())), Map.copyOf(faults.getOrDefault(provider, Map.of())),
                spans.get(provider)[0], spans.get(provider)[1])));
        violations.forEach((provider, kinds) -> snapshot.putIfAbsent(provider, new ProviderStats(0, Map.copyOf(kinds), Map.of(), null, null)));
        return snapshot;
    }
}
