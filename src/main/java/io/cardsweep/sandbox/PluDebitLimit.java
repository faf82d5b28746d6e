package io.cardsweep.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Plu's {@code CARD_DEBIT_LIMIT}. Plu publishes no number, so the sandbox picks one that a careless client hits
 * quickly and a paced one never: at most {@value #PER_MINUTE} debits per card in any rolling minute. Only executed
 * debits count; refusals do not use up the allowance.
 */
final class PluDebitLimit {

    static final int PER_MINUTE = 5;
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final Map<String, Deque<Instant>> debits = new HashMap<>();

    /** How long until {@code cardId} may be debited again, or empty when it may be now. */
    synchronized Optional<Duration> waitFor(String cardId, Instant now) {
        Deque<Instant> recent = recent(cardId, now);
        if (recent.size() < PER_MINUTE) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, recent.peekFirst().plus(WINDOW)));
    }

    synchronized void debited(String cardId, Instant at) {
        debits.computeIfAbsent(cardId, id -> new ArrayDeque<>()).addLast(at);
    }

    private Deque<Instant> recent(String cardId, Instant now) {
        Deque<Instant> recent = debits.computeIfAbsent(cardId, id -> new ArrayDeque<>());
        while (!recent.isEmpty() && !now.isBefore(recent.peekFirst().plus(WINDOW))) {
            recent.removeFirst();
        }
        return recent;
    }
}
