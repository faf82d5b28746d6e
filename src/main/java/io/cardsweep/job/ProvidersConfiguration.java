package io.cardsweep.job;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import io.cardsweep.instruction.CardNumberProtection;
import io.cardsweep.instruction.ColumnMapping;
import io.cardsweep.metrics.ProviderCallMeters;
import io.cardsweep.provider.CardNumberSealer;
import io.cardsweep.provider.ProviderFatalException;
import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.ProviderRegistry;
import io.cardsweep.provider.ProviderSettings;
import io.cardsweep.provider.PendingGuard;
import io.cardsweep.provider.RequestGate;
import io.cardsweep.provider.WithdrawalProvider;
import io.cardsweep.provider.cartevo.CartevoProvider;
import io.cardsweep.provider.htp.HtpProvider;
import io.cardsweep.provider.nueve09.Nueve09CardNumbers;
import io.cardsweep.provider.nueve09.Nueve09Provider;
import io.cardsweep.provider.plu.PluProvider;
import io.cardsweep.provider.uncash.UncashProvider;
import io.cardsweep.rules.InstructionScreen;
import io.cardsweep.rules.ScreenSettings;
import io.cardsweep.throttle.RequestRate;
import io.cardsweep.throttle.RequestRateLimits;
import io.cardsweep.throttle.SharedPendingGuard;
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

    /**
     * How each adapter is made: its settings, the clock, the gate that paces its requests and the guard of its
     * one-pending-withdrawal rule (HTP's), both shared by every process on the ledger.
     */
    interface Adapter {
        WithdrawalProvider create(ProviderSettings settings, Clock clock, RequestGate gate, PendingGuard onePending);
    }

    private static final Map<ProviderName, Adapter> ADAPTERS = new EnumMap<>(Map.of(
            ProviderName.PLU, (settings, clock, gate, onePending) -> new PluProvider(settings, clock, gate),
            ProviderName.CARTEVO, (settings, clock, gate, onePending) -> new CartevoProvider(settings, clock, gate),
            ProviderName.UNCASH, (settings, clock, gate, onePending) -> new UncashProvider(settings, clock, gate),
            ProviderName.HTP, HtpProvider::new,
            ProviderName.NUEVE09, (settings, clock, gate, onePending) -> new Nueve09Provider(settings, clock, gate)));

    static final String NO_PROVIDER_CONFIGURED = "No provider is configured (cardsweep.providers.<provider>.base-url, environment"
            + " variable CARDSWEEP_PROVIDERS_<PROVIDER>_BASEURL), and this profile has no sandbox to fall back to.";

    /**
     * The sandbox stands in only when no provider at all is configured (a laptop, the quick start): a run that
     * mixed real providers with simulated ones would record sandbox withdrawals in a real ledger. When some
     * providers are configured, the others are simply not part of the run and their rows are rejected.
     */
    @Bean(destroyMethod = "close")
    InProcessSandbox inProcessSandbox(ProvidersProperties properties, SandboxProperties sandboxProperties) {
        if (!enabled(properties).isEmpty()) {
            return InProcessSandbox.none();
        }
        if (!sandboxProperties.whenUnconfigured()) {
            throw new ProviderFatalException(NO_PROVIDER_CONFIGURED);
        }
        return InProcessSandbox.startFor(ADAPTERS.keySet(), sandboxProperties);
    }

    @Bean
    EnabledProviders enabledProviders(ProvidersProperties properties, InProcessSandbox sandbox) {
        return new EnabledProviders(sandbox.isRunning() ? sandbox.settingsForAll(configured(properties)) : enabled(properties));
    }

    /** Request rates shared through PostgreSQL by every process on this ledger (HTP's 60 a minute, say). */
    @Bean
    RequestRateLimits requestRateLimits(DataSource dataSource, EnabledProviders enabled, Clock clock) {
        Map<ProviderName, RequestRate> rates = new EnumMap<>(ProviderName.class);
        enabled.settings().forEach((name, settings) -> {
            if (settings.requestsPerMinute() != null && settings.requestsPerMinute() > 0) {
                rates.put(name, RequestRate.perMinute(settings.requestsPerMinute()));
            }
        });
        return new RequestRateLimits(dataSource, clock, rates);
    }

    @Bean
    ProviderRegistry providerRegistry(EnabledProviders enabled, RequestRateLimits limits, DataSource dataSource, Clock clock,
            ProviderCallMeters calls) {
        PendingGuard onePending = new SharedPendingGuard(dataSource);
        Map<ProviderName, WithdrawalProvider> providers = new EnumMap<>(ProviderName.class);
        Map<ProviderName, CardNumberSealer> sealers = new EnumMap<>(ProviderName.class);
        enabled.settings().forEach((name, effective) -> {
            providers.put(name, ADAPTERS.get(name).create(effective, clock, calls.timed(name, limits.gateFor(name)), onePending));
            if (name == ProviderName.NUEVE09) {
                sealers.put(name, nueve09Sealer(effective)::seal);
            }
        });
        return new ProviderRegistry(providers, sealers);
    }

    /** The key shipped for local runs: public, so it protects nothing once real card numbers are hashed with it. */
    static final String LOCAL_CARD_HASH_KEY = "cardsweep-local-card-hash-key";

    @Bean
    CardNumberProtection cardNumberProtection(ProviderRegistry providers, InProcessSandbox sandbox,
            @Value("${cardsweep.security.card-hash-key}") String hashKey) {
        if (!sandbox.isRunning() && !providers.sealers().isEmpty() && hashKey.equals(LOCAL_CARD_HASH_KEY)) {
            throw new ProviderFatalException("cardsweep.security.card-hash-key (CARDSWEEP_CARD_HASH_KEY) still has its public local value:"
                    + " set a secret key of your own before real card numbers are hashed with it.");
        }
        return new CardNumberProtection(providers.sealers(), hashKey);
    }

    @Bean
    InstructionScreen instructionScreen(ProviderRegistry providers, ProvidersProperties properties, JobDefinition definition) {
        return screen(providers.names(), properties, definition);
    }

    /** The rules of a run that can call {@code providers}: also what {@code plan} screens with ({@link RunSetup}). */
    static InstructionScreen screen(Set<ProviderName> providers, ProvidersProperties properties, JobDefinition definition) {
        ColumnMapping columns = ColumnMapping.defaults().withOverrides(definition.columns());
        JobDefinition.Location location = definition.defaultLocation();
        ProviderSettings htp = properties.htp();
        return new InstructionScreen(ScreenSettings.of(providers).withColumns(columns)
                .withHtpFee(htp != null && htp.fee() != null ? htp.fee() : BigDecimal.ZERO)
                .withDefaultLocation(location == null ? null : new ScreenSettings.Location(location.latitude(), location.longitude()))
                .withSweep(definition.fullBalance(), definition.terminate()));
    }

    /** Nueve09 takes card numbers encrypted with its public key; without one, a run could not send them. */
    private static Nueve09CardNumbers nueve09Sealer(ProviderSettings settings) {
        if (settings.publicKey() == null || settings.publicKey().isBlank()) {
            throw new ProviderFatalException(ProviderName.NUEVE09,
                    "cardsweep.providers.nueve09.public-key is not set: card numbers cannot be encrypted for Nueve09.");
        }
        try {
            return Nueve09CardNumbers.fromPublicKey(settings.publicKey());
        }
        catch (IllegalArgumentException ex) {
            throw new ProviderFatalException(ProviderName.NUEVE09, ex.getMessage() + " (cardsweep.providers.nueve09.public-key)");
        }
    }

    /** The providers this run talks to for real: those with a base URL. */
    static Map<ProviderName, ProviderSettings> enabled(ProvidersProperties properties) {
        Map<ProviderName, ProviderSettings> enabled = new EnumMap<>(ProviderName.class);
        configured(properties).forEach((name, settings) -> {
            if (settings.baseUrl() != null && !settings.baseUrl().toString().isBlank()) {
                enabled.put(name, settings);
            }
        });
        return enabled;
    }

    static Map<ProviderName, ProviderSettings> configured(ProvidersProperties properties) {
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
