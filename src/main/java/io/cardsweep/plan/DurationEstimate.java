package io.cardsweep.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.cardsweep.provider.ProviderName;

/**
 * How long a run takes the providers' limits to execute, from counts alone: a model of how the run schedules
 * withdrawals rather than a replay of each, so a million instructions cost it no more than ten. It follows the run's
 * shape, because that shape, more than any one limit, decides the time:
 * <ul>
 * <li>The execute step runs one partition per provider, all at once, and ends when the slowest does. A partition is
 * held back by whichever is slowest: its request budget (every request counts, tokens, balance reads and status
 * lookups too), its withdrawals in flight at once (each holding its turn for one latency per request it makes), or its
 * threads (twice as many as the cap where a balance read comes first). Each card's first instruction is withdrawn; a
 * later one meets the card's cooldown, is not sent, and is deferred after its balance read.</li>
 * <li>The deferred step begins only when the execute step has ended, and sends what comes due one withdrawal at a
 * time, for every provider on one thread, in the order they come due. A card's next withdrawal comes due one cooldown
 * after the claim of its previous one; that card's later instructions are tried again with it (a balance read each)
 * and deferred once more. So a wave of a cooldown provider starts one cooldown after the previous wave's first claim,
 * or when the thread is free, and cannot end before one cooldown after the previous wave's last claim.</li>
 * <li>A wave that would come due after the deferred step's {@code max-wait} is not sent: it stays DEFERRED.</li>
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
                executeStep = Math.max(executeStep, partition.executeEnds);
            }
        }
        long deferredEnds = scheduleWaves(partitions, executeStep, executeStep + maxWait.toNanos());
        Map<ProviderName, Estimate.ProviderTime> times = new EnumMap<>(ProviderName.class);
        partitions.forEach((provider, partition) -> times.put(provider, partition.time(provider, maxWait)));
        long stillDeferred = partitions.values().stream().mapToLong(partition -> partition.stillDeferred).sum();
        return new Estimate(Duration.ofNanos(Math.max(executeStep, deferredEnds)), Duration.ofNanos(executeStep), times, stillDeferred);
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

    /** One provider's withdrawals: its execute-step partition, then its waves in the deferred step. */
    private static final class Partition {

        private final Workload workload;
        private final ProviderPace pace;
        private final long latency;
        /** A request on the deferred step's one thread: its latency, or the budget's spacing if that is longer. */
        private final long request;
        private final long cooldown;
        private final int reads;
        private final int turn;
        private final long requests;
        private final long executeEnds;
        private final List<Estimate.Wave> waves = new ArrayList<>();
        private int nextWave = 2;
        private long firstClaim;
        private long lastClaim;
        private long deferredRequests;
        private long stillDeferred;

        Partition(Workload workload, ProviderPace pace, long latency) {
            this.workload = workload;
            this.pace = pace;
            this.latency = latency;
            long spacing = pace.spacing().toNanos();
            this.request = Math.max(latency, spacing);
            this.cooldown = pace.cooldown() == null ? 0 : pace.cooldown().toNanos();
            this.reads = pace.balanceReadFirst() ? 1 : 0;
            this.turn = 1 + pace.statusLookups();
            long n = workload.instructions();
            long withdrawn = cooldown == 0 ? n : workload.keys();
            // A whole balance is read first even where withdrawals are not otherwise preceded by a read.
            long balanceReads = reads == 1 ? n : workload.fullBalances();
            this.requests = pace.tokenRequests() + withdrawn * turn + balanceReads;
            long authenticate = pace.tokenRequests() * latency;
            long byBudget = spacing == 0 ? 0 : (requests - 1) * spacing + latency;
            long byCap = authenticate + ceilDiv(withdrawn, pace.inFlight()) * turn * latency + (balanceReads > 0 ? latency : 0);
            long byThreads = authenticate + ceilDiv(withdrawn * turn + balanceReads, (long) pace.inFlight() * (reads + 1)) * latency;
            this.executeEnds = Math.max(byBudget, Math.max(byCap, byThreads));
            this.firstClaim = authenticate + reads * latency;
            this.lastClaim = Math.max(firstClaim, executeEnds - turn * latency);
        }

        boolean hasNextWave() {
            return cooldown > 0 && nextWave <= workload.most() && stillDeferred == 0;
        }

        /** When the first withdrawal of the next wave comes due: one cooldown after the first claim of the one before. */
        long nextDue() {
            return firstClaim + cooldown;
        }

        /**
         * Sends the next wave once the deferred step's thread is free at {@code free}: each card with an instruction left
         * has one withdrawn and the rest of its instructions read and deferred again. The step stops at its
         * {@code deadline}: what it has not sent by then, in proportion, stays deferred.
         *
         * @return when the thread is free again
         */
        long sendWave(long free, long deadline) {
            long withdrawals = workload.keysWithAtLeast(nextWave);
            long attempts = workload.instructionsFrom(nextWave);
            long work = (attempts * reads + withdrawals * turn) * request;
            long begins = Math.max(free, nextDue());
            if (begins >= deadline) {
                stillDeferred = attempts;
                return free;
            }
            long ends = Math.max(begins + work, lastClaim + cooldown + (reads + turn) * request);
            if (ends > deadline) {
                long sent = (long) (withdrawals * ((double) (deadline - begins) / (ends - begins)));
                stillDeferred = attempts - sent;
                withdrawals = sent;
                ends = deadline;
            }
            waves.add(new Estimate.Wave(nextWave, withdrawals, Duration.ofNanos(begins), Duration.ofNanos(ends)));
            deferredRequests += attempts * reads + withdrawals * turn;
            firstClaim = begins + reads * request;
            lastClaim = ends - turn * request;
            nextWave++;
            return ends;
        }

        Estimate.ProviderTime time(ProviderName provider, Duration maxWait) {
            Duration done = Duration.ofNanos(waves.isEmpty() ? executeEnds : waves.get(waves.size() - 1).ends().toNanos());
            Estimate.ProviderTime unexplained = new Estimate.ProviderTime(done, requests + deferredRequests, waves, stillDeferred, "");
            return new Estimate.ProviderTime(done, unexplained.requests(), waves, stillDeferred,
                    Explanation.of(provider, workload, pace, unexplained, maxWait));
        }

        private static long ceilDiv(long dividend, long divisor) {
            return (dividend + divisor - 1) / divisor;
        }
    }
}
