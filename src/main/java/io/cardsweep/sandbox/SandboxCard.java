package io.cardsweep.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import io.cardsweep.provider.ProviderName;
import org.jspecify.annotations.Nullable;

/**
 * One in-memory card. A withdrawal is check-then-debit, and a termination check-then-drain, so simulators run them
 * inside {@code synchronized (card)}: every accessor here takes the same monitor, which makes each card's operations
 * atomic while different cards proceed in parallel.
 */
final class SandboxCard {

    private final ProviderName provider;
    private final String id;
    private final String currency;
    private String status;
    private final @Nullable String userId;
    private final @Nullable String pan;
    private BigDecimal balance;
    private @Nullable Instant lastWithdrawalAttempt;

    SandboxCard(ProviderName provider, String id, BigDecimal balance, String status, String currency) {
        this(provider, id, balance, status, currency, null, null);
    }

    /**
     * @param userId the HTP user the card belongs to
     * @param pan the 16-digit card number Nueve09 also knows the card by
     */
    SandboxCard(ProviderName provider, String id, BigDecimal balance, String status, String currency, @Nullable String userId,
            @Nullable String pan) {
        this.userId = userId;
        this.pan = pan;
        this.provider = Objects.requireNonNull(provider, "provider");
        this.id = Objects.requireNonNull(id, "id");
        this.balance = Objects.requireNonNull(balance, "balance");
        this.status = Objects.requireNonNull(status, "status");
        this.currency = Objects.requireNonNull(currency, "currency");
    }

    ProviderName provider() {
        return provider;
    }

    String id() {
        return id;
    }

    @Nullable String userId() {
        return userId;
    }

    @Nullable String pan() {
        return pan;
    }

    String currency() {
        return currency;
    }

    synchronized String status() {
        return status;
    }

    synchronized BigDecimal balance() {
        return balance;
    }

    /** Takes money off the card; the caller has already checked the balance under the same lock. */
    synchronized BigDecimal debit(BigDecimal amount) {
        if (balance.compareTo(amount) < 0) {
            throw new IllegalStateException("debit of " + amount.toPlainString() + " would overdraw card " + id);
        }
        balance = balance.subtract(amount);
        return balance;
    }

    /** Takes everything off the card, as a termination's refund or payout does, and says how much that was. */
    synchronized BigDecimal drain() {
        BigDecimal drained = balance;
        balance = balance.subtract(drained);
        return drained;
    }

    /** A termination's new state (TERMINATED, closed, CANCELED…), spelt as its provider spells states. */
    synchronized void changeStatus(String newStatus) {
        status = Objects.requireNonNull(newStatus, "newStatus");
    }

    synchronized @Nullable Instant lastWithdrawalAttempt() {
        return lastWithdrawalAttempt;
    }

    synchronized void markWithdrawalAttempt(Instant at) {
        lastWithdrawalAttempt = at;
    }
}
