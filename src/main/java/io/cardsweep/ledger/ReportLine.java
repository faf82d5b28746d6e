package io.cardsweep.ledger;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One withdrawal of a run as the report shows it; the card id is already masked. */
public record ReportLine(
        long line,
        @Nullable String instructionId,
        @Nullable String provider,
        @Nullable String maskedCardId,
        @Nullable BigDecimal amount,
        @Nullable String amountGiven,
        @Nullable String currency,
        WithdrawalStatus status,
        @Nullable String reasonCode,
        @Nullable String reason,
        @Nullable String providerTransactionId,
        @Nullable BigDecimal fee,
        @Nullable BigDecimal netAmount,
        int attempts,
        @Nullable Instant notBefore,
        @Nullable BigDecimal balanceBefore,
        @Nullable String termination,
        @Nullable String terminationReason,
        @Nullable BigDecimal terminationRefunded) {

    /** A line of a withdrawal read no balance for and whose card is not terminated. */
    public ReportLine(long line, @Nullable String instructionId, @Nullable String provider, @Nullable String maskedCardId,
            @Nullable BigDecimal amount, @Nullable String amountGiven, @Nullable String currency, WithdrawalStatus status,
            @Nullable String reasonCode, @Nullable String reason, @Nullable String providerTransactionId, @Nullable BigDecimal fee,
            @Nullable BigDecimal netAmount, int attempts, @Nullable Instant notBefore) {
        this(line, instructionId, provider, maskedCardId, amount, amountGiven, currency, status, reasonCode, reason, providerTransactionId,
                fee, netAmount, attempts, notBefore, null, null, null, null);
    }
}
