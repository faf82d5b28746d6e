package io.cardsweep.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * Every withdrawal the sandbox executed, in execution order. Simulators record while still holding the
 * card's lock, so the journal's order per card is the order in which balances changed.
 */
final class WithdrawalJournal {

    private final List<ExecutedWithdrawal> executed = new ArrayList<>();

    synchronized void record(ExecutedWithdrawal withdrawal) {
        executed.add(withdrawal);
    }

    synchronized int size() {
        return executed.size();
    }

    synchronized List<ExecutedWithdrawal> snapshot() {
        return List.copyOf(executed);
    }
}
