package io.cardsweep.provider;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** The adapters this run can call, by provider. */
public final class ProviderRegistry {

    private final Map<ProviderName, WithdrawalProvider> providers;

    public ProviderRegistry(Map<ProviderName, WithdrawalProvider> providers) {
        this.providers = Collections.unmodifiableMap(new EnumMap<>(providers));
    }

    public WithdrawalProvider get(ProviderName name) {
        WithdrawalProvider provider = providers.get(name);
        if (provider == null) {
            throw new ProviderFatalException(name, "No adapter for provider " + name + " is configured in this run.");
        }
        return provider;
    }

    public Set<ProviderName> names() {
        return providers.keySet();
    }
}
