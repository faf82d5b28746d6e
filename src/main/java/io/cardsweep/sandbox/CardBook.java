package io.cardsweep.sandbox;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.cardsweep.provider.ProviderName;

/**
 * All seeded cards, per provider. The set of cards is fixed at start (only balances and attempts change),
 * so plain immutable maps are safe to share between request threads.
 */
final class CardBook {

    private final Map<ProviderName, Map<String, SandboxCard>> cards;

    private CardBook(Map<ProviderName, Map<String, SandboxCard>> cards) {
        this.cards = cards;
    }

    static CardBook empty() {
        return new CardBook(Map.of());
    }

    /** @throws IllegalArgumentException if one provider lists the same card id twice */
    static CardBook of(List<SandboxCard> seeded) {
        Map<ProviderName, Map<String, SandboxCard>> byProvider = new EnumMap<>(ProviderName.class);
        seeded.stream().collect(Collectors.groupingBy(SandboxCard::provider)).forEach((provider, list) -> {
            Map<String, SandboxCard> byId = list.stream().collect(Collectors.toMap(SandboxCard::id, c -> c, (a, b) -> {
                throw new IllegalArgumentException("card " + a.id() + " of " + provider + " is seeded twice");
            }));
            byProvider.put(provider, Map.copyOf(byId));
        });
        return new CardBook(Map.copyOf(byProvider));
    }

    /** A card by its 16-digit number (Nueve09's other way to name a card); linear, seeds are small. */
    Optional<SandboxCard> findByPan(ProviderName provider, String pan) {
        return cards.getOrDefault(provider, Map.of()).values().stream().filter(card -> pan.equals(card.pan())).findFirst();
    }

    Optional<SandboxCard> find(ProviderName provider, String id) {
        return Optional.ofNullable(cards.getOrDefault(provider, Map.of()).get(id));
    }

    int count(ProviderName provider) {
        return cards.getOrDefault(provider, Map.of()).size();
    }
}
