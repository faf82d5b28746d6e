package io.cardsweep.plan;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.cardsweep.provider.ProviderName;

/**
 * The terminate step of a job that terminates its cards, from counts. It begins once the deferred step has ended and
 * terminates each card once, one card at a time for every provider, one request a card, spaced by the provider's request
 * budget. Where the provider keeps a cooldown, a termination counts as a withdrawal attempt (Uncash's close): a card's
 * waits until one cooldown after its last withdrawal was claimed — with one cooldown for the account, one cooldown after
 * the previous close as well — and the step waits for those up to its {@code max-wait}, counted from its start; what
 * would come due later stays DEFERRED. The cards of a provider that cannot terminate one (HTP) are left, unsent, and so
 * are cards whose withdrawals are still deferred.
 */
final class TerminateStep {

    private TerminateStep() {
    }

    /**
     * One provider's cards, as its withdrawals leave them.
     *
     * @param cards cards whose withdrawals are through
     * @param left cards not terminated because a withdrawal of theirs would still be deferred
     * @param request how long one request takes there: the latency, or the budget's spacing when that is longer
     * @param cooldown nanoseconds, 0 for none
     * @param firstClaim when the first withdrawal of the provider's last turn (the execute step's, or its last wave's) was claimed
     * @param lastClaim when its last withdrawal was claimed
     * @param lastTurn how many cards had a withdrawal in that last turn
     */
    record Cards(ProviderName provider, ProviderPace pace, long cards, long left, long request, long cooldown, long firstClaim, long lastClaim,
            long lastTurn) {

        boolean sent() {
            return pace.terminates() && cards > 0;
        }

        /** When the last termination may be sent at the earliest, as the cooldown allows. */
        long lastDue() {
            return cooldown == 0 ? 0 : lastClaim + (pace.cooldownPerAccount() ? cards * cooldown : cooldown);
        }
    }

    /**
     * How one provider's terminations go.
     *
     * @param ends when its last one ends
     * @param sent terminations sent, one request each
     * @param stillDeferred terminations the cooldown holds past max-wait
     * @param waited whether they had to wait for the cooldown
     * @param lastAfter how long after the withdrawal it waited for the last termination went
     */
    record Closes(long ends, long sent, long stillDeferred, boolean waited, long lastAfter) {
    }

    /** @param ends when the step ends */
    record Schedule(long ends, Map<ProviderName, Estimate.Termination> terminations) {
    }

    /** @param begins when the deferred step ends */
    static Schedule of(List<Cards> providers, long begins, Duration maxWait) {
        long deadline = begins + maxWait.toNanos();
        long ready = begins + providers.stream().filter(c -> c.sent() && c.lastDue() <= begins).mapToLong(c -> c.cards() * c.request()).sum();
        Map<ProviderName, Closes> closes = new EnumMap<>(ProviderName.class);
        for (Cards c : providers) {
            closes.put(c.provider(), !c.sent() ? new Closes(begins, 0, 0, false, 0)
                    : c.lastDue() <= begins ? new Closes(ready, c.cards(), 0, false, 0)
                    : c.pace().cooldownPerAccount() ? oneCooldownApart(c, ready, deadline) : afterTheirCooldown(c, ready, deadline));
        }
        // One card at a time: the step takes at least every request it sends, one after the other.
        long ends = begins + providers.stream().mapToLong(c -> closes.get(c.provider()).sent() * c.request()).sum();
        Map<ProviderName, Estimate.Termination> terminations = new EnumMap<>(ProviderName.class);
        for (Cards c : providers) {
            Closes its = closes.get(c.provider());
            ends = Math.max(ends, its.ends());
            terminations.put(c.provider(), new Estimate.Termination(c.cards() + c.left(), its.sent(), Duration.ofNanos(its.ends()),
                    its.stillDeferred(), Explanation.termination(c, its, maxWait)));
        }
        return new Schedule(ends, terminations);
    }

    /**
     * Cards with a cooldown each: those withdrawn before the last turn are due when the step begins; the last turn's come
     * due one cooldown after their claims, from the first to the last, and the step sends each as it comes due.
     */
    private static Closes afterTheirCooldown(Cards c, long ready, long deadline) {
        long firstDue = c.firstClaim() + c.cooldown();
        long lastDue = c.lastClaim() + c.cooldown();
        long deferred = lastDue <= deadline ? 0 : firstDue > deadline ? c.lastTurn()
                : (long) Math.ceil(c.lastTurn() * (double) (lastDue - deadline) / Math.max(1, lastDue - firstDue));
        long waiting = c.lastTurn() - deferred;
        long sent = c.cards() - deferred;
        long ends = ready + sent * c.request();
        if (waiting > 0) {
            ends = Math.max(ends, Math.max(Math.min(lastDue, deadline) + c.request(), firstDue + waiting * c.request()));
        }
        return new Closes(ends, sent, deferred, true, deferred == 0 ? ends - c.request() - c.lastClaim() : c.cooldown());
    }

    /** One cooldown for the account: the cards' terminations go one cooldown after the last withdrawal, and after each other. */
    private static Closes oneCooldownApart(Cards c, long ready, long deadline) {
        long sent = deadline < c.lastClaim() ? 0 : Math.min(c.cards(), (deadline - c.lastClaim()) / c.cooldown());
        long ends = sent == 0 ? ready : Math.max(ready + sent * c.request(), c.lastClaim() + sent * c.cooldown() + c.request());
        return new Closes(ends, sent, c.cards() - sent, true, sent * c.cooldown());
    }
}
