package io.cardsweep.provider;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One card termination as an adapter sends it.
 *
 * @param instructionKey the ledger's unique key of the instruction whose card is terminated, for logs
 * @param idempotencyKey deterministic per termination and distinct from the withdrawal's, so that Plu, which remembers
 *        keys across its endpoints, cannot take the termination for a reused withdrawal key; sent where the provider
 *        accepts one (Plu's {@code idempotency-key} header)
 * @param cardId the provider's card identifier; for a card addressed by its number, only the number's masked form
 * @param sealedCardNumber a card number already encrypted for the provider (Nueve09 PANs); null when the card is
 *        addressed by its id
 * @param latitude caller location (Nueve09)
 * @param longitude caller location (Nueve09)
 */
public record TerminationRequest(
        String instructionKey,
        UUID idempotencyKey,
        String cardId,
        @Nullable String sealedCardNumber,
        @Nullable BigDecimal latitude,
        @Nullable BigDecimal longitude) {

    public TerminationRequest {
        Objects.requireNonNull(instructionKey, "instructionKey");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(cardId, "cardId");
    }

    /** A request for a card addressed by its id, without a location. */
    public static TerminationRequest of(String instructionKey, UUID idempotencyKey, String cardId) {
        return new TerminationRequest(instructionKey, idempotencyKey, cardId, null, null, null);
    }

    /** Never the sealed card number; the card id masked. */
    @Override
    public String toString() {
        return "TerminationRequest[instructionKey=" + instructionKey + ", cardId=" + CardMask.mask(cardId) + ", sealed="
                + (sealedCardNumber != null) + "]";
    }
}
