package io.cardsweep.ledger;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;

import io.cardsweep.instruction.Instruction;
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
        @Nullable BigDecimal amount,
        String currency,
        @Nullable String reference,
        @Nullable String walletAddress,
        @Nullable String network,
        @Nullable BigDecimal latitude,
        @Nullable BigDecimal longitude,
        @Nullable String sealedCardNumber,
        UUID idempotencyKey,
        boolean fullBalance,
        boolean terminates) {

    /**
     * The request to send, for the amount this attempt withdraws: the instruction's, or the part of the card's balance
     * a full-balance instruction may withdraw, read just before.
     */
    public WithdrawalRequest toRequest(BigDecimal amountToSend) {
        if (!fullBalance && amount != null && amount.compareTo(amountToSend) != 0) {
            throw new IllegalArgumentException("A withdrawal of " + amount.toPlainString() + " cannot be sent as " + amountToSend.toPlainString());
        }
        return new WithdrawalRequest(instructionKey, idempotencyKey, cardId, amountToSend, currency, reference, walletAddress,
                network, latitude, longitude, sealedCardNumber);
    }

    /** The amount as the report shows it: {@code ALL} for a full balance not yet read. */
    public String amountText() {
        return fullBalance ? Instruction.FULL_BALANCE : Objects.requireNonNull(amount).toPlainString();
    }

    /** Never the sealed card number; the card id masked. */
    @Override
    public String toString() {
        return "PendingWithdrawal[id=" + id + ", instructionKey=" + instructionKey + ", provider=" + provider + ", cardId="
                + CardMask.mask(cardId) + ", amount=" + amountText() + " " + currency + "]";
    }
}
