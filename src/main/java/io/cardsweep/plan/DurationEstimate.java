package io.cardsweep.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.cardsweep.provider.ProviderName;
import org.jspecify.annotations.Nullable;

/**
 * How long a run takes the providers' limits to execute, from counts alone: a model of how the run schedules
 * withdrawals rather than a replay of each, so a million instructions cost it no more than ten. It follows the run's
 * shape, because that shape, more than any one limit, decides the time:
 * <ul>
 * <li>The execute step runs one partition per provider, all at once, and ends when the slowest does. A partition is
 * held back by whichever is slowest: its request budget (every request counts, tokens, balance reads and status
 * lookups too), its withdrawals in flight at once (each holding its turn for one latency per request it makes), or its
 * threads (three per withdrawal in flight). Each card's first instruction is withdrawn; a later one
 * meets the card's cooldown, is not sent, and is deferred after its balance read. A whole balance is read first where
 * the provider has a balance to read; where it has none (Plu) it is not withdrawn at all, the card's termination sweeps it.</li>
 * <li>The deferred step begins only when the execute step has ended, and sends what comes due one withdrawal at a
 * time, for every provider on one thread, in the order they come due. A card's next withdrawal comes due one cooldown
 * after the claim of its previous one; that card's later instructions are tried again with it (a balance read each)
 * and deferred once more. So a wave of a cooldown provider starts one cooldown after the previous wave's first claim,
 * or when the thread is free, and cannot end before one cooldown after the previous wave's last claim.</li>
 * <li>A wave that would come due after the deferred step's {@code max-wait} is not sent: it stays DEFERRED.</li>
 * <li>In a job that terminates its cards, the terminate step follows, one card at a time ({@link TerminateStep}).</li>
 * </ul>
 * Every request takes the assumed latency; nothing fails, is retried, or meets a 429.
 */
public final class DurationEstimate {

    private DurationEstimate() {
    }

    /**
     * @param workloads what each provider would be sent
     * @param paces the limits the run keeps with each of those providers
     * @param latency how long each request to a provider takes, answer included
     * @param maxWait how long the deferred step may wait for withdrawals to come due
     */
    public static Estimate of(Map<ProviderName, Workload> workloads, Map<ProviderName, ProviderPace> paces, Duration latency,
            Duration maxWait) {
        long l = latency.toNanos();
        Map<ProviderName, Partition> partitions = new EnumMap<>(ProviderName.class);
        long executeStep = 0;
        for (Map.Entry<ProviderName, Workload> entry : workloads.entrySet()) {
            if (entry.getValue().instructions() > 0) {
                ProviderPace pace = Objects.requireNonNull(paces.get(entry.getKey()), () -> "no pace for " + entry.getKey());
                Partition partition = new Partition(entry.getValue(), pace, l);
                partitions.put(entry.getKey(), partition);
                executeStep = Math.max(executeStep, partition.executeEnds());
            }
        }
        long deferredEnds = Math.max(executeStep, scheduleWaves(partitions, executeStep, executeStep + maxWait.toNanos()));
        boolean terminates = partitions.values().stream().anyMatch(Partition::terminates);
        TerminateStep.Schedule terminations = TerminateStep.of(partitions.entrySet().stream()
                .map(entry -> entry.getValue().cards(entry.getKey())).toList(), deferredEnds, maxWait);
        Map<ProviderName, Estimate.ProviderTime> times = new EnumMap<>(ProviderName.class);
        partitions.forEach((provider, partition) -> times.put(provider, partition.time(provider, maxWait,
                terminates ? terminations.terminations().get(provider) : null)));
        long stillDeferred = partitions.values().stream().mapToLong(Partition::stillDeferred).sum();
        return new Estimate(Duration.ofNanos(terminates ? terminations.ends() : deferredEnds), Duration.ofNanos(executeStep),
                terminates ? Duration.ofNanos(deferredEnds) : null, times, stillDeferred);
    }

    /**
     * The waves of every provider with a cooldown, on the deferred step's one thread, earliest due first.
     *
     * @return when the last of them ends
     */
    private static long scheduleWaves(Map<ProviderName, Partition> partitions, long executeStep, long deadline) {
        List<Partition> cooling = new ArrayList<>(partitions.values().stream().filter(Partition::hasNextWave).toList());
        long free = executeStep;
        while (!cooling.isEmpty()) {
            Partition next = cooling.stream().min(Comparator.comparingLong(Partition::nextDue)).orElseThrow();
            free = next.sendWave(free, deadline);
            if (!next.hasNextWave()) {
                cooling.remove(next);
            }
        }
        return free;
    }
}
