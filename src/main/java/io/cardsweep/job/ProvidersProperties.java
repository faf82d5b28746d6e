package io.cardsweep.job;

import io.cardsweep.provider.ProviderSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code cardsweep.providers.<name>.*}: one block per provider. Named fields rather than a map, so
 * environment variables such as {@code CARDSWEEP_PROVIDERS_CARTEVO_CLIENTKEY} bind to them.
 */
@ConfigurationProperties("cardsweep.providers")
public record ProvidersProperties(@Nullable ProviderSettings plu, @Nullable ProviderSettings cartevo, @Nullable ProviderSettings uncash,
        @Nullable ProviderSettings htp, @Nullable ProviderSettings nueve09) {
}
