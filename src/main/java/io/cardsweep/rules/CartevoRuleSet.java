package io.cardsweep.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.cardsweep.provider.ProviderName;

/** Cartevo: card ids are UUIDs, the amount is at least 1 (PROVIDERS.md). */
final class CartevoRuleSet implements ProviderRuleSet {

    @Override
    public ProviderName forProvider() {
        return ProviderName.CARTEVO;
    }

    @Override
    public List<InstructionRule> rules() {
        List<InstructionRule> rules = new ArrayList<>(List.of(new CardIdIsUuidRule()));
        rules.addAll(amountBounds().rules());
        return rules;
    }

    @Override
    public AmountBounds amountBounds() {
        return new AmountBounds(new BigDecimal("1.00"), null, null);
    }
}
