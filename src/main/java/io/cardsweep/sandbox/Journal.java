package io.cardsweep.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * What the sandbox executed, in execution order. Simulators record while still holding the card's lock, so the
 * journal's order per card is the order in which balances changed.
 */
abstract class Journal<T> {

    private final List<T> executed = new ArrayList<>();

    synchronized void record(T entry) {
        executed.add(entry);
    }

    synchronized int size() {
        return executed.size();
    }

    synchronized List<T> snapshot() {
        return List.copyOf(executed);
    }
}
