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
        @Nullable Instant notBefore) {
}
