package io.cardsweep.rules;

import java.math.BigDecimal;
import java.util.List;

import io.cardsweep.provider.ProviderName;

/**
 * Plu: card ids are service ids {@code {slug}-card-{uid}}, amounts 5..10000, and a reference is required
 * (its 256-character bound is a common rule already).
 */
final class PluRuleSet implements ProviderRuleSet {

    @Override
    public ProviderName forProvider() {
        return ProviderName.PLU;
    }

    @Override
    public List<InstructionRule> rules() {
        return List.of(new PluCardIdRule(),
                new MinimumAmountRule(new BigDecimal("5")),
                new MaximumAmountRule(new BigDecimal("10000")),
                new ReferenceRequiredRule());
    }
}
