package io.cardsweep.plan;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a run would send one provider.
 *
 * @param instructions withdrawals to make
 * @param fullBalances how many of them are for the card's whole balance (read from the provider first)
 * @param keysByInstructions for a provider with a cooldown: how many cards (or, with a cooldown per account, the one
 *        account) have 1, 2, 3… of the withdrawals; empty without a cooldown
 * @param cards in a job that terminates its cards, how many cards the instructions are for, each terminated once; 0 in
 *        any other job
 */
public record Workload(long instructions, long fullBalances, SortedMap<Integer, Long> keysByInstructions, long cards) {

    public Workload {
        keysByInstructions = Collections.unmodifiableSortedMap(new TreeMap<>(keysByInstructions));
        long counted = keysByInstructions.entrySet().stream().mapToLong(e -> e.getKey() * e.getValue()).sum();
        if (instructions < 0 || fullBalances < 0 || fullBalances > instructions || (!keysByInstructions.isEmpty() && counted != instructions)
                || cards < 0 || cards > instructions) {
            throw new IllegalArgumentException("a workload of " + instructions + " instructions cannot have " + fullBalances
                    + " whole balances, these cards: " + keysByInstructions + " and " + cards + " cards to terminate");
        }
    }

    /** In a job that does not terminate its cards. */
    public Workload(long instructions, long fullBalances, SortedMap<Integer, Long> keysByInstructions) {
        this(instructions, fullBalances, keysByInstructions, 0);
    }

    /** The same withdrawals, in a job that terminates their {@code cards} cards. */
    public Workload terminating(long cards) {
        return new Workload(instructions, fullBalances, keysByInstructions, cards);
    }

    /** Withdrawals at a provider without a cooldown. */
    public static Workload of(long instructions) {
        return new Workload(instructions, 0, new TreeMap<>());
    }

    /** The cards (or the account) the cooldown is kept for. */
    long keys() {
        return keysByInstructions.values().stream().mapToLong(Long::longValue).sum();
    }

    /** How many instructions the card with the most has. */
    int most() {
        return keysByInstructions.isEmpty() ? 1 : keysByInstructions.lastKey();
    }

    /** How many keys have at least {@code wave} instructions: the withdrawals of that wave. */
    long keysWithAtLeast(int wave) {
        return keysByInstructions.tailMap(wave).values().stream().mapToLong(Long::longValue).sum();
    }

    /** How many instructions are still to go once {@code wave} begins: each key's from that wave on. */
    long instructionsFrom(int wave) {
        return keysByInstructions.tailMap(wave).entrySet().stream().mapToLong(e -> (e.getKey() - wave + 1L) * e.getValue()).sum();
    }
}
