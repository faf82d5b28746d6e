package io.cardsweep.rules;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.cardsweep.provider.ProviderName;

/**
 * The rule sets this version has. Plu and Nueve09 have none yet: their instructions get the common
 * rules only, and adding one is one class here.
 */
final class ProviderRuleSets {

    private ProviderRuleSets() {
    }

    static Map<ProviderName, ProviderRuleSet> builtIn(ScreenSettings settings) {
        Map<ProviderName, ProviderRuleSet> sets = new EnumMap<>(ProviderName.class);
        for (ProviderRuleSet set : List.of(new CartevoRuleSet(), new UncashRuleSet(), new HtpRuleSet(settings.htpFee()))) {
            sets.put(set.forProvider(), set);
        }
        return sets;
    }
}
