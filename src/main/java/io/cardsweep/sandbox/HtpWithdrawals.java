package io.cardsweep.sandbox;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * HTP's withdrawals as they settle: each starts PENDING, is PROCESSING after half the settle delay and SUCCESS
 * once it has passed. Status is computed from the clock when asked, so no thread moves it and a test moves it by
 * advancing its clock. Also the "one pending withdrawal per user" check, which needs the same state.
 */
final class HtpWithdrawals {

    /** One withdrawal HTP accepted; the card was debited when it was created. */
    record Entry(String id, String cardId, String userId, BigDecimal amount, Instant createdAt, Instant settlesAt) {

        String status(Instant now) {
            if (!now.isBefore(settlesAt)) {
                return "SUCCESS";
            }
            Duration half = Duration.between(createdAt, settlesAt).dividedBy(2);
            return now.isBefore(createdAt.plus(half)) ? "PENDING" : "PROCESSING";
        }
    }

    private final Clock clock;
    private final Duration settleDelay;
    private final Map<String, Entry> latestByCard = new HashMap<>();
    private final Map<String, Entry> latestByUser = new HashMap<>();

    HtpWithdrawals(Clock clock, Duration settleDelay) {
        this.clock = clock;
        this.settleDelay = settleDelay;
    }

    /** True while the user's latest withdrawal has not settled: HTP then refuses the next one. */
    synchronized boolean hasPending(String userId) {
        Entry latest = latestByUser.get(userId);
        return latest != null && clock.instant().isBefore(latest.settlesAt());
    }

    synchronized Entry start(String id, String cardId, String userId, BigDecimal amount, Instant at) {
        Entry entry = new Entry(id, cardId, userId, amount, at, at.plus(settleDelay));
        latestByCard.put(cardId, entry);
        latestByUser.put(userId, entry);
        return entry;
    }

    synchronized Optional<Entry> latestOf(String cardId) {
        return Optional.ofNullable(latestByCard.get(cardId));
    }
}
