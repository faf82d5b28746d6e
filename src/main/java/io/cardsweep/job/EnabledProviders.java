package io.cardsweep.job;

import java.util.EnumMap;
import java.util.Map;

import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.ProviderSettings;
import io.cardsweep.throttle.Cooldown;

/** The providers this run talks to, with their effective settings (configured, or pointing at the sandbox). */
record EnabledProviders(Map<ProviderName, ProviderSettings> settings) {

    EnabledProviders {
        settings = Map.copyOf(settings);
    }

    /** The cooldowns of those providers that have one. */
    Map<ProviderName, Cooldown> cooldowns() {
        Map<ProviderName, Cooldown> cooldowns = new EnumMap<>(ProviderName.class);
        settings.forEach((name, provider) -> {
            if (provider.cooldown() != null && !provider.cooldown().isZero()) {
                cooldowns.put(name, new Cooldown(provider.cooldown(), "account".equals(provider.cooldownScope())));
            }
        });
        return cooldowns;
    }
}
