package io.cardsweep.provider;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How a provider answered one withdrawal, classified for the ledger.
 * Business refusals and ambiguity are values, not exceptions; only fatal conditions
 * (credentials refused, partner suspended) are thrown, as {@link ProviderFatalException}.
 */
public sealed interface WithdrawalOutcome {

    /** Short machine-readable reason, e.g. {@code INSUFFICIENT_BALANCE}; {@code OK} for success. */
    String code();

    /** Human-readable detail, free of secrets. */
    String message();

    /** The provider confirmed the withdrawal. Fields the provider does not return are null. */
    record Succeeded(
            @Nullable String transactionId,
            @Nullable BigDecimal netAmount,
            @Nullable BigDecimal fee,
            @Nullable BigDecimal balanceBefore,
            @Nullable BigDecimal balanceAfter) implements WithdrawalOutcome {

        @Override
        public String code() {
            return "OK";
        }

        @Override
        public String message() {
            return transactionId == null ? "confirmed by the provider" : "confirmed, transaction " + transactionId;
        }
    }

    /** The provider refused for a business reason; nothing moved and sending again would not help. */
    record Declined(String code, String message) implements WithdrawalOutcome {
        public Declined {
            Objects.requireNonNull(code);
            Objects.requireNonNull(message);
        }
    }

    /** Not executed because of a cooldown or rate limit; try again after {@code retryAfter}. */
    record Deferred(String code, String message, Duration retryAfter) implements WithdrawalOutcome {
        public Deferred {
            Objects.requireNonNull(code);
            Objects.requireNonNull(message);
            if (retryAfter.isNegative()) {
                throw new IllegalArgumentException("retryAfter must not be negative");
            }
        }
    }

    /** Provably not executed (connection refused, an error the provider documents as not executed): safe to send again. */
    record Failed(String code, String message) implements WithdrawalOutcome {
        public Failed {
            Objects.requireNonNull(code);
            Objects.requireNonNull(message);
        }
    }

    /** The request may have reached the provider and no usable answer came back: never sent again. */
    record Unknown(String code, String message) implements WithdrawalOutcome {
        public Unknown {
            Objects.requireNonNull(code);
            Objects.requireNonNull(message);
        }
    }
}
