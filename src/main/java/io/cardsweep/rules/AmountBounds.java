package io.cardsweep.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The amounts one provider accepts for a single withdrawal (PROVIDERS.md). The rules refuse an instruction's amount
 * outside them; for an instruction that asks for a card's whole balance, they say how much of the balance read from
 * the provider may be withdrawn in one go.
 *
 * @param atLeast the smallest amount, inclusive
 * @param above an amount must exceed this (HTP's fee), or null
 * @param atMost the largest amount, inclusive, or null when the provider documents none
 */
public record AmountBounds(BigDecimal atLeast, @Nullable BigDecimal above, @Nullable BigDecimal atMost) {

    /** The smallest amount two decimals can say: every provider wants a positive amount. */
    static final BigDecimal ONE_CENT = new BigDecimal("0.01");

    /**
     * What may be withdrawn from a card holding {@code balance}: the whole balance, in cents rounded down, capped at
     * the provider's largest withdrawal. None of the five providers charges its fee to the card on top of the amount
     * (each keeps it from the amount withdrawn), so nothing is held back for one. Empty when that is below the
     * provider's smallest withdrawal: nothing to reclaim.
     */
    public Optional<BigDecimal> withdrawable(BigDecimal balance) {
        BigDecimal amount = balance.setScale(2, RoundingMode.DOWN);
        if (atMost != null && amount.compareTo(atMost) > 0) {
            amount = atMost;
        }
        boolean enough = amount.compareTo(atLeast) >= 0 && (above == null || amount.compareTo(above) > 0);
        return enough ? Optional.of(amount) : Optional.empty();
    }

    /** The bound a balance too small to withdraw falls short of, as a phrase: "the minimum of 5.00". */
    public String smallest() {
        return above != null && above.compareTo(atLeast) >= 0 ? "more than the fee of " + cents(above)
                : "the minimum of " + cents(atLeast);
    }

    /** Money as it is written everywhere else: at least two decimals, whatever the configuration said ({@code 1.0}). */
    private static String cents(BigDecimal amount) {
        return (amount.scale() < 2 ? amount.setScale(2) : amount).toPlainString();
    }

    /** The rules that refuse an instruction's amount outside these bounds, in the order they are checked. */
    List<InstructionRule> rules() {
        List<InstructionRule> rules = new ArrayList<>();
        if (atLeast.compareTo(ONE_CENT) > 0) {
            rules.add(new MinimumAmountRule(atLeast));
        }
        if (atMost != null) {
            rules.add(new MaximumAmountRule(atMost));
        }
        if (above != null) {
            rules.add(new AmountAboveFeeRule(above));
        }
        return rules;
    }
}
