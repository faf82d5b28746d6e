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
 * — second wave after 15 min 8 s; done at 15 min 9 s}.
 */
final class Explanation {

    private static final List<String> ORDINALS = List.of("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
            "ninth", "tenth");

    private Explanation() {
    }

    static String of(ProviderName provider, Workload workload, ProviderPace pace, Estimate.ProviderTime time, Duration maxWait) {
        StringBuilder line = new StringBuilder(provider.id()).append(": ").append(what(workload, pace));
        line.append(pace.onePendingPerUser() ? ", one at a time (one pending withdrawal per user)" : ", " + pace.inFlight() + " at a time");
        if (pace.balanceReadFirst()) {
            line.append(", a balance read before each").append(pace.cooldown() == null ? "" : " attempt");
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

    /** The withdrawals, and how a cooldown spreads them over cards. */
    private static String what(Workload workload, ProviderPace pace) {
        String whole = workload.fullBalances() == 0 ? "" : " (" + count(workload.fullBalances(), "whole balance") + ")";
        Map<Integer, Long> cards = workload.keysByInstructions();
        if (pace.cooldown() == null || cards.isEmpty()) {
            return count(workload.instructions(), "withdrawal") + whole;
        }
        if (pace.cooldownPerAccount()) {
            return count(workload.instructions(), "withdrawal") + whole + " from one account";
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
