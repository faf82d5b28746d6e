package io.cardsweep.provider;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * How a provider answered one card termination, classified for the ledger like a {@link WithdrawalOutcome}: business
 * refusals and ambiguity are values; only fatal conditions are thrown, as {@link ProviderFatalException}.
 */
public sealed interface TerminationOutcome {

    /** Short machine-readable reason, e.g. {@code CARD_NOT_FOUND}; {@code TERMINATED} for success. */
    String code();

    /** Human-readable detail, free of secrets and card numbers. */
    String message();

    /**
     * The provider terminated the card.
     *
     * @param refunded what the termination itself refunded or paid out from the card, when the answer says so (Cartevo's
     *        {@code balance_before_termination} with {@code refund_processed}); null when the answer does not tell
     *        (Plu liquidates asynchronously), which is not the same as zero
     */
    record Terminated(@Nullable BigDecimal refunded, String message) implements TerminationOutcome {
        public Terminated {
            Objects.requireNonNull(message);
        }

        @Override
        public String code() {
            return "TERMINATED";
        }
    }

    /**
     * The card was terminated (closed, cancelled) before this request: nothing to do. A final state as good as
     * {@link Terminated}, kept apart because it says this request moved nothing, so whatever the card held went
     * elsewhere, earlier — an operator reconciling money needs to know which.
     */
    record AlreadyTerminated(String message) implements TerminationOutcome {
        public AlreadyTerminated {
            Objects.requireNonNull(message);
        }

        @Override
        public String code() {
            return "ALREADY_TERMINATED";
        }
    }

    /** The provider refused for a business reason (no such card, say); nothing happened and sending again would not help. */
    record Declined(String code, String message) implements TerminationOutcome {
        public Declined {
            Objects.requireNonNull(code);
            Objects.requireNonNull(message);
        }
    }

    /** Not executed because of a cooldown (Uncash's, which a close counts in) or a rate limit; try again after {@code retryAfter}. */
    record Deferred(String code, String message, Duration retryAfter) implements TerminationOutcome {
        public Deferred {
            Objects.requireNonNull(code);
            Objects.requireNonNull(message);
            if (retryAfter.isNegative()) {
                throw new IllegalArgumentException("retryAfter must not be negative");
            }
        }
    }

    /** Provably not executed (connection refused, an error the provider documents as not executed): safe to send again. */
    record Failed(String code, String message) implements TerminationOutcome {
        public Failed {
            Objects.requireNonNull(code);
            Objects.requireNonNull(message);
        }
    }

    /** The request may have reached the provider and no usable answer came back: never sent again. */
    record Unknown(String code, String message) implements TerminationOutcome {
        public Unknown {
            Objects.requireNonNull(code);
            Objects.requireNonNull(message);
        }
    }

    /**
     * A termination's refusal as the provider's withdrawal classifier judged the same answer ({@link #of}), except a
     * decline that {@code saysAlreadyTerminated}: the one refusal that means the termination has nothing left to do.
     */
    static TerminationOutcome ofRefusal(WithdrawalOutcome refusal, Predicate<WithdrawalOutcome.Declined> saysAlreadyTerminated) {
        if (refusal instanceof WithdrawalOutcome.Declined declined && saysAlreadyTerminated.test(declined)) {
            return new AlreadyTerminated(declined.message());
        }
        return of(refusal);
    }

    /**
     * A termination's refusal as the provider's withdrawal classifier judged the same answer, so that both are judged by
     * one set of rules (an unreadable answer, a 5xx, a connection lost after sending: {@code Unknown}, whatever the
     * endpoint). The classifiers' own sentences speak of "the withdrawal"; they are reworded to say what was sent.
     *
     * @throws IllegalArgumentException for a {@link WithdrawalOutcome.Succeeded}: a confirmation is each endpoint's own
     */
    static TerminationOutcome of(WithdrawalOutcome refusal) {
        String message = refusal.message().replace("the withdrawal ", "the termination ");
        if (refusal instanceof WithdrawalOutcome.Declined) {
            return new Declined(refusal.code(), message);
        }
        if (refusal instanceof WithdrawalOutcome.Deferred deferred) {
            return new Deferred(refusal.code(), message, deferred.retryAfter());
        }
        if (refusal instanceof WithdrawalOutcome.Failed) {
            return new Failed(refusal.code(), message);
        }
        if (refusal instanceof WithdrawalOutcome.Unknown) {
            return new Unknown(refusal.code(), message);
        }
        throw new IllegalArgumentException("a withdrawal confirmation says nothing about a termination: " + refusal.code());
    }
}
