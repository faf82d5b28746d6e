package io.cardsweep.job;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import io.cardsweep.instruction.CardNumberProtection;
import io.cardsweep.instruction.ColumnMapping;
import io.cardsweep.provider.ProviderFatalException;
import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.ProviderRegistry;
import io.cardsweep.provider.ProviderSettings;
import io.cardsweep.provider.WithdrawalProvider;
import io.cardsweep.provider.cartevo.CartevoProvider;
import io.cardsweep.provider.plu.PluProvider;
import io.cardsweep.provider.uncash.UncashProvider;
import io.cardsweep.rules.InstructionScreen;
import io.cardsweep.rules.ScreenSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The adapters of this run. A provider without a base URL is served by the in-process sandbox when
 * that is allowed (local use); in the prod profile it is a fatal configuration error.
 */
@Configuration(proxyBeanMethods = false)
class ProvidersConfiguration {

    private static final Map<ProviderName, BiFunction<ProviderSettings, Clock, WithdrawalProvider>> ADAPTERS = new EnumMap<>(Map.of(
            ProviderName.PLU, PluProvider::new,
            ProviderName.CARTEVO, CartevoProvider::new,
            ProviderName.UNCASH, UncashProvider::new));

    /**
     * The sandbox stands in only when no provider at all is configured: a run that mixes a real provider with
     * simulated ones would record sandbox transactions in a real ledger and use up their instruction keys.
     */
    @Bean(destroyMethod = "close")
    InProcessSandbox inProcessSandbox(ProvidersProperties properties, SandboxProperties sandboxProperties) {
        Map<ProviderName, ProviderSettings> configured = configured(properties);
        Set<ProviderName> unconfigured = EnumSet.noneOf(ProviderName.class);
        ADAPTERS.keySet().stream().filter(name -> configured.get(name) == null || configured.get(name).baseUrl() == null)
                .forEach(unconfigured::add);
        if (unconfigured.isEmpty()) {
            return InProcessSandbox.startFor(unconfigured, sandboxProperties);
        }
        ProviderName first = unconfigured.iterator().next();
        if (!sandboxProperties.whenUnconfigured()) {
            throw new ProviderFatalException(first,
                    "cardsweep.providers." + first + ".base-url is not set, and this profile has no sandbox to fall back to.");
        }
        if (unconfigured.size() < ADAPTERS.size()) {
            throw new ProviderFatalException(first, "cardsweep.providers." + first + ".base-url is not set while other providers are "
                    + "configured; the sandbox stands in only when none is, so a real run never records simulated withdrawals.");
        }
        return InProcessSandbox.startFor(unconfigured, sandboxProperties);
    }

    @Bean
    ProviderRegistry providerRegistry(ProvidersProperties properties, InProcessSandbox sandbox, Clock clock) {
        Map<ProviderName, ProviderSettings> configured = configured(properties);
        Map<ProviderName, WithdrawalProvider> providers = new EnumMap<>(ProviderName.class);
        ADAPTERS.forEach((name, adapter) -> {
            ProviderSettings settings = configured.getOrDefault(name, ProviderSettings.of(null));
            providers.put(name, adapter.apply(settings.baseUrl() != null ? settings : sandbox.settingsFor(name, settings), clock));
        });
        return new ProviderRegistry(providers);
    }

    @Bean
    CardNumberProtection cardNumberProtection(ProviderRegistry providers, @Value("${cardsweep.security.card-hash-key}") String hashKey) {
        return new CardNumberProtection(providers.sealers(), hashKey);
    }

    @Bean
    InstructionScreen instructionScreen(ProviderRegistry providers, ProvidersProperties properties, JobDefinition definition) {
        ColumnMapping columns = ColumnMapping.defaults().withOverrides(definition.columns());
        JobDefinition.Location location = definition.defaultLocation();
        ProviderSettings htp = properties.htp();
        return new InstructionScreen(ScreenSettings.of(providers.names()).withColumns(columns)
                .withHtpFee(htp != null && htp.fee() != null ? htp.fee() : BigDecimal.ZERO)
                .withDefaultLocation(location == null ? null : new ScreenSettings.Location(location.latitude(), location.longitude())));
    }

    private static Map<ProviderName, ProviderSettings> configured(ProvidersProperties properties) {
        Map<ProviderName, ProviderSettings> configured = new EnumMap<>(ProviderName.class);
        putIfPresent(configured, ProviderName.PLU, properties.plu());
        putIfPresent(configured, ProviderName.CARTEVO, properties.cartevo());
        putIfPresent(configured, ProviderName.UNCASH, properties.uncash());
        putIfPresent(configured, ProviderName.HTP, properties.htp());
        putIfPresent(configured, ProviderName.NUEVE09, properties.nueve09());
        return configured;
    }

    private static void putIfPresent(Map<ProviderName, ProviderSettings> map, ProviderName name, @Nullable ProviderSettings settings) {
        if (settings != null) {
            map.put(name, settings);
        }
    }
}
