package io.cardsweep.job;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Semaphore;

import io.cardsweep.provider.ProviderName;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cardsweep.pacing.concurrency.<provider>}: how many withdrawals may be in flight at once with each
 * provider. HTP allows one pending withdrawal per user, so 1; the others default to 4.
 */
@ConfigurationProperties("cardsweep.pacing")
record ProviderConcurrency(@DefaultValue Map<String, Integer> concurrency) {

    static final int DEFAULT = 4;

    int of(ProviderName provider) {
        Integer configured = concurrency.get(provider.id());
        if (configured != null) {
            return Math.max(1, configured);
        }
        return provider == ProviderName.HTP ? 1 : DEFAULT;
    }

    /** One permit per concurrent withdrawal allowed, per provider. */
    Map<ProviderName, Semaphore> permits() {
        Map<ProviderName, Semaphore> permits = new EnumMap<>(ProviderName.class);
        for (ProviderName provider : ProviderName.values()) {
            permits.put(provider, new Semaphore(of(provider), true));
        }
        return permits;
    }
}
