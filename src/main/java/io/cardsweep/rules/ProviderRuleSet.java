package io.cardsweep.rules;

import java.util.List;

import io.cardsweep.provider.ProviderName;

/**
 * The documented limits of one provider (PROVIDERS.md), checked after the common rules so a request the
 * provider would refuse for its shape is never sent. One small class per provider.
 */
interface ProviderRuleSet {

    ProviderName forProvider();

    /** In the order they are checked; the first violation decides. */
    List<InstructionRule> rules();

    /** The amounts the provider accepts; {@link #rules()} holds the rules that check them. */
    AmountBounds amountBounds();
}
