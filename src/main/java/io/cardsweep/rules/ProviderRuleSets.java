package io.cardsweep.rules;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.cardsweep.provider.ProviderName;

/**
 * The rule sets of the five providers, checked after the common rules; adding one is one class here.
 */
final class ProviderRuleSets {

    private ProviderRuleSets() {
    }

    static Map<ProviderName, ProviderRuleSet> builtIn(ScreenSettings settings) {
        Map<ProviderName, ProviderRuleSet> sets = new EnumMap<>(ProviderName.class);
        for (ProviderRuleSet set : List.of(new PluRuleSet(settings.terminates()), new CartevoRuleSet(), new UncashRuleSet(), new HtpRuleSet(settings.htpFee()),
                new Nueve09RuleSet(settings))) {
            sets.put(set.forProvider(), set);
        }
        return sets;
    }
}
