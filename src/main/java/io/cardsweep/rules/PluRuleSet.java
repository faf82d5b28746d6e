package io.cardsweep.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.cardsweep.provider.ProviderName;

/**
 * Plu: card ids are service ids {@code {slug}-card-{uid}}, amounts 5..10000, and a reference is required
 * (its 256-character bound is a common rule already).
 */
final class PluRuleSet implements ProviderRuleSet {

    private final boolean terminates;

    /** @param terminates whether the job terminates its cards, which is how a Plu card's whole balance is reclaimed */
    PluRuleSet(boolean terminates) {
        this.terminates = terminates;
    }

    @Override
    public ProviderName forProvider() {
        return ProviderName.PLU;
    }

    @Override
    public List<InstructionRule> rules() {
        List<InstructionRule> rules = new ArrayList<>(List.of(new PluCardIdRule(), new PluFullBalanceRule(terminates)));
        rules.addAll(amountBounds().rules());
        rules.add(new ReferenceRequiredRule());
        return rules;
    }

    @Override
    public AmountBounds amountBounds() {
        return new AmountBounds(new BigDecimal("5"), null, new BigDecimal("10000"));
    }
}
