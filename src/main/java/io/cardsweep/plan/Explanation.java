package io.cardsweep.plan;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.cardsweep.job.Durations;
import io.cardsweep.provider.ProviderName;

/**
 * One provider's estimate in words, for an operator deciding whether to start the run now: how many withdrawals, what
 * holds them back, and when the waves a cooldown makes would go — {@code uncash: 12 cards with 2 withdrawals each, …
 * — second wave after 15 min 8 s; done at 15 min 9 s} — and in a job that terminates its cards, how many it terminates
 * and what they wait for — {@code uncash: 5 cards closed after their cooldown — last close 15 min 5 s after its withdrawal}.
 */
final class Explanation {

    private static final List<String> ORDINALS = List.of("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
            "ninth", "tenth");

    private Explanation() {
    }

    static String of(ProviderName provider, Workload workload, ProviderPace pace, Estimate.ProviderTime time, Duration maxWait) {
        StringBuilder line = new StringBuilder(provider.id()).append(": ");
        if (withdrawals(workload, pace) == 0) {
            return line.append(sweptByTermination(workload.fullBalances())).append(", no withdrawal sent").toString();
        }
        line.append(what(workload, pace));
        line.append(pace.onePendingPerUser() ? ", one at a time (one pending withdrawal per user)" : ", " + pace.inFlight() + " at a time");
        if (pace.balanceReadFirst()) {
            line.append(", a balance read before each").append(pace.cooldown() == null ? "" : " attempt");
        }
        else if (pace.balanceReads() == ProviderPace.BalanceReads.WHOLE_BALANCES && workload.fullBalances() > 0) {
            line.append(", a balance read before each whole balance");
        }
        line.append("; ").append(count(time.requests(), "request"));
        if (pace.requestsPerMinute() > 0) {
            line.append(" at ").append(pace.requestsPerMinute()).append(" a minute");
        }
        line.append(" — ");
        List<Estimate.Wave> waves = time.waves();
        if (!waves.isEmpty()) {
            List<Estimate.Wave> named = waves.size() <= 3 ? waves : List.of(waves.get(0), waves.get(1), waves.get(waves.size() - 1));
            line.append(named.stream().map(wave -> waveName(wave.number()) + " after " + Durations.brief(wave.begins()))
                    .collect(Collectors.joining(waves.size() <= 3 ? ", " : ", … ")));
            line.append(" (a cooldown of ").append(Durations.brief(pace.cooldown())).append(pace.cooldownPerAccount() ? " per account)" : " per card)");
            line.append("; ");
        }
        line.append("done after ").append(Durations.brief(time.done()));
        if (time.stillDeferred() > 0) {
            line.append("; ").append(count(time.stillDeferred(), "withdrawal")).append(" still deferred when max-wait (")
                    .append(Durations.brief(maxWait)).append(") runs out");
        }
        return line.toString();
    }

    /**
     * One provider's cards in the terminate step: how many it terminates, and what they wait for.
     *
     * @param maxWait how long the step waits for terminations a cooldown holds back
     */
    static String termination(TerminateStep.Cards cards, TerminateStep.Closes closes, Duration maxWait) {
        StringBuilder line = new StringBuilder(cards.provider().id()).append(": ");
        String their = cards.cards() == 1 ? "its" : "their";
        if (!cards.pace().terminates()) {
            return line.append(count(cards.cards() + cards.left(), "card")).append(" not terminated: ").append(cards.provider().id())
                    .append(" has no way to terminate a card, so no request").toString();
        }
        if (cards.cards() > 0 && closes.sent() == 0) {
            line.append(count(cards.cards(), "card")).append(" not closed: ").append(their).append(" cooldown ends after max-wait (")
                    .append(Durations.brief(maxWait)).append(")");
        }
        else if (cards.cards() > 0) {
            line.append(count(cards.cards(), "card"));
            if (!closes.waited()) {
                line.append(" terminated").append(cards.cooldown() > 0 ? ", " + their + " cooldown over by then" : "");
            }
            else if (cards.pace().cooldownPerAccount()) {
                line.append(" closed one cooldown apart (").append(Durations.brief(Duration.ofNanos(cards.cooldown())))
                        .append(" per account) — last close ").append(Durations.brief(Duration.ofNanos(closes.lastAfter())))
                        .append(" after the last withdrawal");
            }
            else {
                line.append(" closed after ").append(their).append(" cooldown — last close ")
                        .append(Durations.brief(Duration.ofNanos(closes.lastAfter()))).append(" after its withdrawal");
            }
            if (closes.stillDeferred() > 0) {
                line.append("; ").append(closes.stillDeferred()).append(" still deferred when max-wait (").append(Durations.brief(maxWait))
                        .append(") runs out");
            }
        }
        if (cards.left() > 0) {
            line.append(cards.cards() > 0 ? "; " : "").append(count(cards.left(), "card")).append(" not terminated while a withdrawal of theirs is"
                    + " still deferred");
        }
        return line.toString();
    }

    /** Withdrawals sent: a whole balance where there is none to read is swept by terminating the card instead. */
    private static long withdrawals(Workload workload, ProviderPace pace) {
        return workload.instructions() - (pace.balanceReads() == ProviderPace.BalanceReads.NONE ? workload.fullBalances() : 0);
    }

    private static String sweptByTermination(long wholeBalances) {
        return count(wholeBalances, "whole balance") + " swept by terminating " + (wholeBalances == 1 ? "its card" : "their cards");
    }

    /** The withdrawals, and how a cooldown spreads them over cards. */
    private static String what(Workload workload, ProviderPace pace) {
        long withdrawals = withdrawals(workload, pace);
        String whole = workload.fullBalances() == 0 ? ""
                : withdrawals < workload.instructions() ? " (+ " + sweptByTermination(workload.fullBalances()) + ")"
                : " (" + count(workload.fullBalances(), "whole balance") + ")";
        Map<Integer, Long> cards = workload.keysByInstructions();
        if (pace.cooldown() == null || cards.isEmpty()) {
            return count(withdrawals, "withdrawal") + whole;
        }
        if (pace.cooldownPerAccount()) {
            return count(withdrawals, "withdrawal") + whole + " from one account";
        }
        if (cards.size() == 1) {
            Map.Entry<Integer, Long> only = cards.entrySet().iterator().next();
            return count(only.getValue(), "card") + " with " + count(only.getKey(), "withdrawal") + (only.getValue() > 1 ? " each" : "") + whole;
        }
        return count(workload.instructions(), "withdrawal") + whole + " on " + count(workload.keys(), "card") + " ("
                + cards.entrySet().stream().map(e -> e.getValue() + " with " + e.getKey()).collect(Collectors.joining(", ")) + ")";
    }

    private static String waveName(int number) {
        return number <= ORDINALS.size() ? ORDINALS.get(number - 1) + " wave" : "wave " + number;
    }

    static String count(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
