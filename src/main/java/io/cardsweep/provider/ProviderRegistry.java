package io.cardsweep.provider;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** The adapters this run can call, by provider. */
public final class ProviderRegistry {

    private final Map<ProviderName, WithdrawalProvider> providers;
    private final Map<ProviderName, CardNumberSealer> sealers;

    public ProviderRegistry(Map<ProviderName, WithdrawalProvider> providers) {
        this(providers, Map.of());
    }

    /** @param sealers for providers that take card numbers, how to encrypt one for them */
    public ProviderRegistry(Map<ProviderName, WithdrawalProvider> providers, Map<ProviderName, CardNumberSealer> sealers) {
        this.providers = Collections.unmodifiableMap(providers.isEmpty() ? new EnumMap<>(ProviderName.class) : new EnumMap<>(providers));
        this.sealers = Map.copyOf(sealers);
    }

    public WithdrawalProvider get(ProviderName name) {
        WithdrawalProvider provider = providers.get(name);
        if (provider == null) {
            throw new ProviderFatalException(name, "No adapter for provider " + name + " is configured in this run.");
        }
        return provider;
    }

    public Map<ProviderName, CardNumberSealer> sealers() {
        return sealers;
    }

    public Set<ProviderName> names() {
        return providers.keySet();
    }
}
