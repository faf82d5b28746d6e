package io.cardsweep.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One withdrawal the sandbox really executed: the provider's truth that a run's ledger is held against.
 * Refusals are never recorded, so "at most once" means at most one entry per instruction.
 *
 * @param amount the amount debited from the card (before any provider fee)
 */
public record ExecutedWithdrawal(
        @JsonProperty("provider") String provider,
        @JsonProperty("card_id") String cardId,
        @JsonProperty("amount") BigDecimal amount,
        @JsonProperty("transaction_id") String transactionId,
        @JsonProperty("idempotency_key") @Nullable String idempotencyKey,
        @JsonProperty("reference") @Nullable String reference,
        @JsonProperty("executed_at") Instant executedAt) {

    public ExecutedWithdrawal {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(cardId, "cardId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(executedAt, "executedAt");
    }
}
