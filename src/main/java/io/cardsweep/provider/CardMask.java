package io.cardsweep.provider;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * How card identifiers appear in reports and logs: enough to recognise a card, not enough to use it.
 * Keeps the first and last four characters; card numbers only their last four; short ids only their last two.
 */
public final class CardMask {

    private static final Pattern CARD_NUMBER = Pattern.compile("[0-9]{12,19}");
    private static final Pattern CARD_NUMBER_IN_TEXT = Pattern.compile("(?<![0-9A-Za-z])[0-9](?:[ -]?[0-9]){11,18}(?![0-9A-Za-z])");

    private CardMask() {
    }

    /** The text with every run of 12 to 19 digits (spaces or dashes allowed between) shown as a masked card number. */
    public static @Nullable String redactCardNumbers(@Nullable String text) {
        if (text == null) {
            return null;
        }
        return CARD_NUMBER_IN_TEXT.matcher(text).replaceAll(match -> mask(match.group().replaceAll("[ -]", "")));
    }

    public static @Nullable String mask(@Nullable String cardId) {
        if (cardId == null) {
            return null;
        }
        if (CARD_NUMBER.matcher(cardId).matches()) {
            // A card number keeps only its last four: with the first four too, and a keyed hash beside it,
            // too few candidates would remain for anyone who learnt the key.
            return "****" + cardId.substring(cardId.length() - 4);
        }
        if (cardId.length() <= 8) {
            return "****" + cardId.substring(Math.max(0, cardId.length() - 2));
        }
        return cardId.substring(0, 4) + "****" + cardId.substring(cardId.length() - 4);
    }
}
