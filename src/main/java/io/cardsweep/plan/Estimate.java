package io.cardsweep.plan;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.cardsweep.provider.ProviderName;
import org.jspecify.annotations.Nullable;

/**
 * How long a run's execute, deferred and terminate steps would take, and why.
 *
 * @param makespan from the start of the execute step to the end of the deferred step, or of the terminate step in a job
 *        that terminates its cards
 * @param executeStep when the execute step ends: when its slowest provider does
 * @param terminateStep when the terminate step begins; null in a job that terminates no card
 * @param providers when each provider's last withdrawal would end, and how it gets there
 * @param stillDeferred withdrawals that would come due only after the run's {@code max-wait}, and stay DEFERRED
 */
public record Estimate(Duration makespan, Duration executeStep, @Nullable Duration terminateStep, Map<ProviderName, ProviderTime> providers,
        long stillDeferred) {

    public Estimate {
        Map<ProviderName, ProviderTime> inOrder = new EnumMap<>(ProviderName.class);
        inOrder.putAll(providers);
        providers = Collections.unmodifiableMap(inOrder);
    }

    /** Terminations a cooldown would hold back past the terminate step's {@code max-wait}: they stay DEFERRED. */
    public long terminationsStillDeferred() {
        return providers.values().stream().map(ProviderTime::termination).filter(t -> t != null).mapToLong(Termination::stillDeferred).sum();
    }

    /**
     * One provider's part.
     *
     * @param done when its last withdrawal would end
     * @param requests every request its withdrawals would make: tokens, balance reads, withdrawals, status lookups
     * @param waves the withdrawals of its cards' later turns, after a cooldown (the first turn is the execute step's)
     * @param stillDeferred withdrawals that would come due only after the run's {@code max-wait}
     * @param explanation one line in words: how many withdrawals, how they are paced, when they are done
     * @param termination its cards in the terminate step; null in a job that terminates none
     */
    public record ProviderTime(Duration done, long requests, List<Wave> waves, long stillDeferred, String explanation,
            @Nullable Termination termination) {

        public ProviderTime {
            waves = List.copyOf(waves);
        }

        /** When it is sent its last request: its last withdrawal's, or its last termination's. */
        public Duration finished() {
            return termination == null || termination.done().compareTo(done) < 0 ? done : termination.done();
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

    /**
     * One provider's cards in the terminate step.
     *
     * @param cards the cards it would terminate, one request each, or (without a way to terminate) leave as they are
     * @param requests the requests those terminations make
     * @param done when the last of them ends; for a provider whose cards need not wait, when all cards that need not wait are through
     * @param stillDeferred terminations a cooldown would hold past the step's {@code max-wait}
     * @param explanation one line in words
     */
    public record Termination(long cards, long requests, Duration done, long stillDeferred, String explanation) {
    }
}
