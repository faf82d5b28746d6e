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
 * @param amount what to withdraw; null for the card's whole balance, read from the provider when the withdrawal is made
 */
public record Instruction(
        long line,
        String instructionId,
        ProviderName provider,
        String cardId,
        @Nullable BigDecimal amount,
        String currency,
        @Nullable String reference,
        @Nullable String walletAddress,
        @Nullable String network,
        @Nullable BigDecimal latitude,
        @Nullable BigDecimal longitude) {

    /** What an amount says to ask for the card's whole balance (in any case); an empty amount says the same. */
    public static final String FULL_BALANCE = "ALL";

    public Instruction {
        Objects.requireNonNull(instructionId, "instructionId");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(cardId, "cardId");
        Objects.requireNonNull(currency, "currency");
        if (amount != null && amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
    }

    /** Whether it asks for the card's whole balance rather than an amount. */
    public boolean fullBalance() {
        return amount == null;
    }

    /** The amount as the ledger and the report show it: {@code ALL} for the whole balance. */
    public String amountText() {
        return amount == null ? FULL_BALANCE : amount.toPlainString();
    }

    /** The card id masked: for Nueve09 it may be a card number, which no log line may show. */
    @Override
    public String toString() {
        return "Instruction[line=" + line + ", instructionId=" + instructionId + ", provider=" + provider + ", cardId="
                + CardMask.mask(cardId) + ", amount=" + amountText() + " " + currency + "]";
    }
}
