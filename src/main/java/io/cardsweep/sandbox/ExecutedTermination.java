package io.cardsweep.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One card termination the sandbox really executed: the provider's truth that a run's ledger is held against, beside
 * its withdrawals. A card is terminated at most once, so "never twice" means at most one entry per card.
 *
 * @param refunded what the termination took off the card: refunded (Cartevo), paid out (Uncash), liquidated to the
 *        wallet (Plu) or returned to the collection account (Nueve09); zero when the card was empty
 * @param idempotencyKey the key the request carried (Plu's), null where the provider takes none
 */
public record ExecutedTermination(
        @JsonProperty("provider") String provider,
        @JsonProperty("card_id") String cardId,
        @JsonProperty("refunded") BigDecimal refunded,
        @JsonProperty("idempotency_key") @Nullable String idempotencyKey,
        @JsonProperty("executed_at") Instant executedAt) {

    public ExecutedTermination {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(cardId, "cardId");
        Objects.requireNonNull(refunded, "refunded");
        Objects.requireNonNull(executedAt, "executedAt");
    }
}
