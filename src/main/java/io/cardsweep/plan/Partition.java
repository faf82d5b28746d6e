package io.cardsweep.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.cardsweep.provider.ProviderName;
import org.jspecify.annotations.Nullable;

/**
 * One provider's withdrawals in {@link DurationEstimate}'s model: its execute-step partition, then its waves in the deferred
 * step, and its cards as the terminate step finds them.
 */
final class Partition {

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
    /** The cards (or keys) withdrawn in the latest turn: the execute step's, or the latest wave's. */
    private long lastTurn;
    private long deferredRequests;
    private long stillDeferred;
    /** Keys whose withdrawals would still be deferred: their cards are not terminated. */
    private long keysLeft;

    Partition(Workload workload, ProviderPace pace, long latency) {
        this.workload = workload;
        this.pace = pace;
        this.latency = latency;
        long spacing = pace.spacing().toNanos();
        this.request = Math.max(latency, spacing);
        this.cooldown = pace.cooldown() == null ? 0 : pace.cooldown().toNanos();
        this.reads = pace.balanceReadFirst() ? 1 : 0;
        this.turn = 1 + pace.statusLookups();
        // A whole balance where there is none to read is not withdrawn: terminating the card sweeps it.
        long n = workload.instructions() - (pace.balanceReads() == ProviderPace.BalanceReads.NONE ? workload.fullBalances() : 0);
        long withdrawn = cooldown == 0 ? n : workload.keys();
        long balanceReads = switch (pace.balanceReads()) {
            case NONE -> 0;
            case WHOLE_BALANCES -> workload.fullBalances();
            case EVERY_ATTEMPT -> n;
        };
        long tokens = withdrawn == 0 ? 0 : pace.tokenRequests();
        this.requests = tokens + withdrawn * turn + balanceReads;
        long authenticate = tokens * latency;
        long byBudget = spacing == 0 || requests == 0 ? 0 : (requests - 1) * spacing + latency;
        long byCap = withdrawn == 0 ? 0 : authenticate + ceilDiv(withdrawn, pace.inFlight()) * turn * latency + (balanceReads > 0 ? latency : 0);
        long byThreads = authenticate + ceilDiv(withdrawn * turn + balanceReads, pace.threads()) * latency;
        this.executeEnds = Math.max(byBudget, Math.max(byCap, byThreads));
        this.firstClaim = authenticate + reads * latency;
        this.lastClaim = Math.max(firstClaim, executeEnds - turn * latency);
        this.lastTurn = withdrawn;
    }

    /** When its part of the execute step ends. */
    long executeEnds() {
        return executeEnds;
    }

    /** Withdrawals that would come due only after the deferred step's max-wait. */
    long stillDeferred() {
        return stillDeferred;
    }

    /** Whether its job terminates its cards. */
    boolean terminates() {
        return workload.cards() > 0;
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
            keysLeft = withdrawals;
            return free;
        }
        long ends = Math.max(begins + work, lastClaim + cooldown + (reads + turn) * request);
        if (ends > deadline) {
            long sent = (long) (withdrawals * ((double) (deadline - begins) / (ends - begins)));
            stillDeferred = attempts - sent;
            keysLeft = withdrawals - sent;
            withdrawals = sent;
            ends = deadline;
        }
        waves.add(new Estimate.Wave(nextWave, withdrawals, Duration.ofNanos(begins), Duration.ofNanos(ends)));
        deferredRequests += attempts * reads + withdrawals * turn;
        firstClaim = begins + reads * request;
        lastClaim = ends - turn * request;
        lastTurn = withdrawals;
        nextWave++;
        return ends;
    }

    /** Its cards as the terminate step finds them, all but those whose withdrawals are still deferred. */
    TerminateStep.Cards cards(ProviderName provider) {
        long left = Math.min(workload.cards(), pace.cooldownPerAccount() && keysLeft > 0 ? stillDeferred : keysLeft);
        return new TerminateStep.Cards(provider, pace, workload.cards() - left, left, request, cooldown, firstClaim, lastClaim,
                Math.min(lastTurn, workload.cards() - left));
    }

    Estimate.ProviderTime time(ProviderName provider, Duration maxWait, Estimate.@Nullable Termination termination) {
        Duration done = Duration.ofNanos(waves.isEmpty() ? executeEnds : waves.get(waves.size() - 1).ends().toNanos());
        Estimate.ProviderTime unexplained = new Estimate.ProviderTime(done, requests + deferredRequests, waves, stillDeferred, "", termination);
        return new Estimate.ProviderTime(done, unexplained.requests(), waves, stillDeferred,
                Explanation.of(provider, workload, pace, unexplained, maxWait), termination);
    }

    private static long ceilDiv(long dividend, long divisor) {
        return (dividend + divisor - 1) / divisor;
    }
}
