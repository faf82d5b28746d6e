package io.cardsweep.provider.htp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.cardsweep.provider.CardMask;
import io.cardsweep.provider.WithdrawalOutcome;
import io.cardsweep.provider.WithdrawalOutcome.Declined;
import io.cardsweep.provider.WithdrawalOutcome.Failed;
import io.cardsweep.provider.WithdrawalOutcome.Succeeded;
import io.cardsweep.provider.WithdrawalOutcome.Unknown;

/**
 * Follows an accepted withdrawal until HTP says it settled, by its status lookup: backoff from 100 ms, doubling,
 * capped at 2 s, for at most the status timeout. Every lookup counts against HTP's 60 requests a minute, hence the
 * backoff. At the bound the withdrawal stays {@code Unknown}, never re-sent: the same lookup resolves it later.
 * <p>
 * The bound is measured by the injected clock and by elapsed real time, whichever runs out first, so a clock that
 * stands still (a test's, a frozen one) cannot make the follower poll forever.
 */
final class HtpStatusFollower {

    static final Duration FIRST_DELAY = Duration.ofMillis(100);
    static final Duration MAX_DELAY = Duration.ofSeconds(2);

    private final HtpStatusLookup lookup;
    private final Clock clock;
    private final Pause pause;
    private final Duration timeout;

    HtpStatusFollower(HtpStatusLookup lookup, Clock clock, Pause pause, Duration timeout) {
        this.lookup = lookup;
        this.clock = clock;
        this.pause = pause;
        this.timeout = timeout;
    }

    WithdrawalOutcome follow(String cardUuid, HtpCreated created) {
        if ("SUCCESS".equalsIgnoreCase(created.status())) {
            return succeeded(created);
        }
        if ("FAILED".equalsIgnoreCase(created.status())) {
            return failedWithdrawal();
        }
        Instant deadline = clock.instant().plus(timeout);
        long startNanos = System.nanoTime();
        Duration delay = FIRST_DELAY;
        HtpStatusReading reading;
        String ours = created.withdrawalId();
        while (true) {
            reading = lookup.read(cardUuid);
            if ((reading.is("SUCCESS") || reading.is("FAILED")) && !reading.isAbout(ours)) {
                return new Unknown("STATUS_OF_ANOTHER_WITHDRAWAL", "HTP reports the card's latest withdrawal, which is not this one ("
                        + ours + "); resolve it with HTP");
            }
            if (reading.is("SUCCESS")) {
                return succeeded(created);
            }
            if (reading.is("FAILED")) {
                return failedWithdrawal();
            }
            Duration left = remaining(deadline, startNanos);
            if (left.isZero()) {
                break;
            }
            Duration wait = min(max(delay, reading.retryAfter()), left);
            try {
                pause.pause(wait);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
            delay = min(delay.multipliedBy(2), MAX_DELAY);
        }
        return stillOpen(cardUuid, reading);
    }

    /** What one lookup says about the card's latest withdrawal, for reconciliation. */
    static WithdrawalOutcome classify(HtpStatusReading reading) {
        if (reading.is("SUCCESS") && reading.envelope() != null) {
            return succeeded(HtpCreated.from(reading.envelope()));
        }
        if (reading.is("FAILED")) {
            return failedWithdrawal();
        }
        if (reading.is("NOT_FOUND")) {
            // A lookup never licenses a resend: only an operator who has checked with HTP may treat this as not executed.
            return new Unknown("WITHDRAWAL_NOT_FOUND", "HTP reports no withdrawal for this card; confirm with HTP before sending it again");
        }
        if (reading.isInProgress()) {
            return new Unknown("STILL_PENDING", "HTP reports the withdrawal " + reading.status()
                    + "; resolvable later by the withdraw-status lookup");
        }
        return new Unknown("STATUS_UNAVAILABLE", reading.problem().isEmpty()
                ? "HTP reported status " + reading.status() + ", which cardsweep does not know; resolvable later by the withdraw-status lookup"
                : reading.problem() + "; resolvable later by the withdraw-status lookup");
    }

    private WithdrawalOutcome stillOpen(String cardUuid, HtpStatusReading last) {
        String card = CardMask.mask(cardUuid);
        if (last.status() != null) {
            return new Unknown("STILL_PENDING", "HTP accepted the withdrawal from card " + card + " but still reports it "
                    + last.status() + " after " + timeout.toSeconds() + " s; resolvable later by the withdraw-status lookup");
        }
        return new Unknown("STILL_PENDING", "HTP accepted the withdrawal from card " + card + " but its status could not be read within "
                + timeout.toSeconds() + " s (" + last.problem() + "); resolvable later by the withdraw-status lookup");
    }

    private static Succeeded succeeded(HtpCreated created) {
        return new Succeeded(created.transactionId(), created.amount(), created.fee(), null, null);
    }

    private static Declined failedWithdrawal() {
        return new Declined("WITHDRAWAL_FAILED", "HTP reports the withdrawal FAILED; nothing was executed");
    }

    private Duration remaining(Instant deadline, long startNanos) {
        Duration byClock = Duration.between(clock.instant(), deadline);
        Duration byNanos = timeout.minusNanos(System.nanoTime() - startNanos);
        Duration left = min(byClock, byNanos);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
