package io.cardsweep.rules;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

import io.cardsweep.instruction.Instruction;
import org.jspecify.annotations.Nullable;

/**
 * The one accepted spelling of an amount: digits, optionally a dot and digits. Anything else
 * ({@code 1e3}, {@code 1,000}, {@code .5}, {@code NaN}) is refused rather than guessed at, since a guess that
 * is wrong by a factor of a thousand moves real money.
 */
public final class Amounts {

    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    private Amounts() {
    }

    /** Whether the amount asks for the card's whole balance (empty, or {@code ALL}). */
    public static boolean isFullBalance(@Nullable String text) {
        return text == null || text.isBlank() || text.strip().equalsIgnoreCase(Instruction.FULL_BALANCE);
    }

    static boolean isPlainDecimal(String text) {
        return PLAIN_DECIMAL.matcher(text).matches();
    }

    /** The amount built from its text (never through a double), if it is a plain decimal. */
    static Optional<BigDecimal> parse(String text) {
        return isPlainDecimal(text) ? Optional.of(new BigDecimal(text)) : Optional.empty();
    }
}
