package io.cardsweep.rules;

import java.util.List;

import io.cardsweep.provider.ProviderName;

/**
 * Nueve09: card ids are UUIDs or 16-digit card numbers; every withdrawal carries a location (the common rules
 * check the coordinates' format and range); amounts must be positive, which the common rules already require.
 */
final class Nueve09RuleSet implements ProviderRuleSet {

    private final ScreenSettings settings;

    Nueve09RuleSet(ScreenSettings settings) {
        this.settings = settings;
    }

    @Override
    public ProviderName forProvider() {
        return ProviderName.NUEVE09;
    }

    @Override
    public List<InstructionRule> rules() {
        return List.of(new CardIdIsUuidOrPanRule(), new LocationRule(settings.columns()));
    }

    @Override
    public AmountBounds amountBounds() {
        return new AmountBounds(AmountBounds.ONE_CENT, null, null);
    }
}
