package io.cardsweep.provider;

import org.jspecify.annotations.Nullable;

/**
 * How card identifiers appear in reports and logs: enough to recognise a card, not enough to use it.
 * Keeps the first and last four characters; short ids keep only their last two.
 */
public final class CardMask {

    private CardMask() {
    }

    public static @Nullable String mask(@Nullable String cardId) {
        if (cardId == null) {
            return null;
        }
        if (cardId.length() <= 8) {
            return "****" + cardId.substring(Math.max(0, cardId.length() - 2));
        }
        return cardId.substring(0, 4) + "****" + cardId.substring(cardId.length() - 4);
    }
}
