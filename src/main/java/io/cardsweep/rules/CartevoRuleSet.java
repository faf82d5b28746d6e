package io.cardsweep.rules;

import java.math.BigDecimal;
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
        return List.of(new CardIdIsUuidRule(), new MinimumAmountRule(new BigDecimal("1.00")));
    }
}
