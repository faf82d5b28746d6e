package io.cardsweep.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.cardsweep.provider.ProviderName;

/** Uncash: card ids are UUIDs, amounts 1.00..10000.00 with at most 2 decimals (the common rules cover those). */
final class UncashRuleSet implements ProviderRuleSet {

    @Override
    public ProviderName forProvider() {
        return ProviderName.UNCASH;
    }

    @Override
    public List<InstructionRule> rules() {
        List<InstructionRule> rules = new ArrayList<>(List.of(new CardIdIsUuidRule()));
        rules.addAll(amountBounds().rules());
        return rules;
    }

    @Override
    public AmountBounds amountBounds() {
        return new AmountBounds(new BigDecimal("1.00"), null, new BigDecimal("10000.00"));
    }
}
