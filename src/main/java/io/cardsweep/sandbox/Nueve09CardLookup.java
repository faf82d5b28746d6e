package io.cardsweep.sandbox;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.cardsweep.provider.ProviderName;

/**
 * How the sandbox's Nueve09 resolves a {@code card_number}: a card UUID as is, anything else as a sealed
 * 16-digit number, opened with the private key and looked up by the seeded {@code pan}. The number is used for
 * the lookup only and never kept.
 */
final class Nueve09CardLookup {

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern PAN = Pattern.compile("[0-9]{16}");

    private final CardBook cards;
    private final Nueve09Keys keys;

    Nueve09CardLookup(CardBook cards, Nueve09Keys keys) {
        this.cards = cards;
        this.keys = keys;
    }

    /** The card, or a sentence on why there is none: the refusal code and message to answer with. */
    sealed interface Lookup {
    }

    record Found(SandboxCard card) implements Lookup {
    }

    record Missing(int code, String message) implements Lookup {
    }

    Lookup find(String cardNumber) {
        if (UUID.matcher(cardNumber).matches()) {
            return found(cards.find(ProviderName.NUEVE09, cardNumber).or(() -> cards.find(ProviderName.NUEVE09, cardNumber.toLowerCase(Locale.ROOT))));
        }
        Optional<String> pan = keys.open(cardNumber).filter(text -> PAN.matcher(text).matches());
        if (pan.isEmpty()) {
            return new Missing(Nueve09Bodies.UNDECRYPTABLE, "Card number could not be decrypted");
        }
        return found(cards.findByPan(ProviderName.NUEVE09, pan.get()));
    }

    private static Lookup found(Optional<SandboxCard> card) {
        return card.<Lookup>map(Found::new).orElseGet(() -> new Missing(Nueve09Bodies.CARD_NOT_FOUND, "Card not found"));
    }
}
