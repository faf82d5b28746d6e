package io.cardsweep.rules;

import java.math.BigDecimal;
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
        return List.of(new CardIdIsUuidRule(),
                new MinimumAmountRule(new BigDecimal("1.00")),
                new MaximumAmountRule(new BigDecimal("10000.00")));
    }
}
