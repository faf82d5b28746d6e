package io.cardsweep.ledger;

import java.math.BigDecimal;
import java.util.UUID;

import io.cardsweep.provider.CardMask;
import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.WithdrawalRequest;
import org.jspecify.annotations.Nullable;

/** A ledger row waiting to be executed (READY, or DEFERRED and due), with what the provider call needs. */
public record PendingWithdrawal(
        long id,
        WithdrawalStatus status,
        String instructionId,
        String instructionKey,
        ProviderName provider,
        String cardId,
        BigDecimal amount,
        String currency,
        @Nullable String reference,
        @Nullable String walletAddress,
        @Nullable String network,
        @Nullable BigDecimal latitude,
        @Nullable BigDecimal longitude,
        @Nullable String sealedCardNumber,
        UUID idempotencyKey) {

    public WithdrawalRequest toRequest() {
        return new WithdrawalRequest(instructionKey, idempotencyKey, cardId, amount, currency, reference, walletAddress,
                network, latitude, longitude, sealedCardNumber);
    }

    /** Never the sealed card number; the card id masked. */
    @Override
    public String toString() {
        return "PendingWithdrawal[id=" + id + ", instructionKey=" + instructionKey + ", provider=" + provider + ", cardId="
                + CardMask.mask(cardId) + ", amount=" + amount.toPlainString() + " " + currency + "]";
    }
}
