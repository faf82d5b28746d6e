package io.cardsweep.instruction;

import java.math.BigDecimal;
import java.util.Objects;

import io.cardsweep.provider.CardMask;
import io.cardsweep.provider.ProviderName;
import org.jspecify.annotations.Nullable;

/**
 * An instruction that passed every rule: typed, ready to be loaded into the ledger.
 *
 * @param line where it starts in the source (for reasons and the report)
 */
public record Instruction(
        long line,
        String instructionId,
        ProviderName provider,
        String cardId,
        BigDecimal amount,
        String currency,
        @Nullable String reference,
        @Nullable String walletAddress,
        @Nullable String network,
        @Nullable BigDecimal latitude,
        @Nullable BigDecimal longitude) {

    public Instruction {
        Objects.requireNonNull(instructionId, "instructionId");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(cardId, "cardId");
        Objects.requireNonNull(currency, "currency");
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
    }

    /** The card id masked: for Nueve09 it may be a card number, which no log line may show. */
    @Override
    public String toString() {
        return "Instruction[line=" + line + ", instructionId=" + instructionId + ", provider=" + provider + ", cardId="
                + CardMask.mask(cardId) + ", amount=" + amount.toPlainString() + " " + currency + "]";
    }
}
