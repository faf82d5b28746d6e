package io.cardsweep.provider;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One withdrawal as an adapter sends it.
 *
 * @param instructionKey the ledger's unique key (job definition + instruction id), for logs
 * @param idempotencyKey deterministic per instruction; sent where the provider accepts one
 * @param cardId the provider's card identifier
 * @param amount positive, scale at most 2
 * @param currency ISO 4217 code
 * @param reference free text the provider may carry (Plu requires it)
 * @param walletAddress destination wallet (HTP)
 * @param network blockchain network (HTP)
 * @param latitude caller location (Nueve09)
 * @param longitude caller location (Nueve09)
 * @param sealedCardNumber a card number already encrypted for the provider (Nueve09 PANs); then {@code cardId}
 *        is only its masked form, for logs. Null when the card is addressed by its id.
 */
public record WithdrawalRequest(
        String instructionKey,
        UUID idempotencyKey,
        String cardId,
        BigDecimal amount,
        String currency,
        @Nullable String reference,
        @Nullable String walletAddress,
        @Nullable String network,
        @Nullable BigDecimal latitude,
        @Nullable BigDecimal longitude,
        @Nullable String sealedCardNumber) {

    public WithdrawalRequest {
        Objects.requireNonNull(instructionKey, "instructionKey");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(cardId, "cardId");
        Objects.requireNonNull(currency, "currency");
        if (amount.signum() <= 0 || amount.scale() > 2) {
            throw new IllegalArgumentException("amount must be positive with at most 2 decimals: " + amount.toPlainString());
        }
    }

    /** The same request with the fields some providers need; each is null when absent. */
    public WithdrawalRequest with(@Nullable String newReference, @Nullable String newWalletAddress, @Nullable String newNetwork,
            @Nullable BigDecimal newLatitude, @Nullable BigDecimal newLongitude, @Nullable String newSealedCardNumber) {
        return new WithdrawalRequest(instructionKey, idempotencyKey, cardId, amount, currency, newReference, newWalletAddress, newNetwork,
                newLatitude, newLongitude, newSealedCardNumber);
    }

    /** A request with only the fields every provider needs. */
    public static WithdrawalRequest of(String instructionKey, UUID idempotencyKey, String cardId, BigDecimal amount, String currency) {
        return new WithdrawalRequest(instructionKey, idempotencyKey, cardId, amount, currency, null, null, null, null, null, null);
    }

    /** Never the sealed card number; the card id masked. */
    @Override
    public String toString() {
        return "WithdrawalRequest[instructionKey=" + instructionKey + ", cardId=" + CardMask.mask(cardId) + ", amount="
                + amount.toPlainString() + " " + currency + ", sealed=" + (sealedCardNumber != null) + "]";
    }
}
