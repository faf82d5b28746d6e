package io.cardsweep.plan;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.cardsweep.provider.ProviderName;

/**
 * How long a run's execute and deferred steps would take, and why.
 *
 * @param makespan from the start of the execute step to the end of the deferred step
 * @param executeStep when the execute step ends: when its slowest provider does
 * @param providers when each provider's last withdrawal would end, and how it gets there
 * @param stillDeferred withdrawals that would come due only after the run's {@code max-wait}, and stay DEFERRED
 */
public record Estimate(Duration makespan, Duration executeStep, Map<ProviderName, ProviderTime> providers, long stillDeferred) {

    public Estimate {
        Map<ProviderName, ProviderTime> inOrder = new EnumMap<>(ProviderName.class);
        inOrder.putAll(providers);
        providers = Collections.unmodifiableMap(inOrder);
    }

    /**
     * One provider's part.
     *
     * @param done when its last withdrawal would end
     * @param requests every request it would be sent: tokens, balance reads, withdrawals, status lookups
     * @param waves the withdrawals of its cards' later turns, after a cooldown (the first turn is the execute step's)
     * @param stillDeferred withdrawals that would come due only after the run's {@code max-wait}
     * @param explanation one line in words: how many withdrawals, how they are paced, when they are done
     */
    public record ProviderTime(Duration done, long requests, List<Wave> waves, long stillDeferred, String explanation) {

        public ProviderTime {
            waves = List.copyOf(waves);
        }
    }

    /**
     * The withdrawals a cooldown holds back to one turn, all cards' {@code number}th.
     *
     * @param begins when the first of them is sent
     * @param ends when the last of them ends
     */
    public record Wave(int number, long withdrawals, Duration begins, Duration ends) {
    }
}
