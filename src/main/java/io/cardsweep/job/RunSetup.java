package io.cardsweep.job;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.cardsweep.database.SourceDataSourceProperties;
import io.cardsweep.database.SourceDatabase;
import io.cardsweep.instruction.InstructionRow;
import io.cardsweep.provider.ProviderFatalException;
import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.ProviderSettings;
import io.cardsweep.rules.InstructionScreen;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * What a run of a job definition would be set up with — the providers it can call and their limits, its rules, its
 * reader and where a table source is read from — decided as the run decides them from the same settings, but without
 * starting anything a run starts (the ledger's database, the sandbox, the adapters), so that {@code plan} judges every row
 * exactly as the load step would.
 */
public final class RunSetup {

    private final JobDefinition definition;
    private final Map<ProviderName, ProviderSettings> providers;
    private final ProviderConcurrency concurrency;
    private final SandboxProperties sandbox;
    private final boolean sandboxStandsIn;
    private final InstructionScreen screen;
    private final SourceDataSourceProperties sourceDatabase;

    RunSetup(JobDefinition definition, ProvidersProperties properties, SandboxProperties sandbox, ProviderConcurrency concurrency,
            SourceDataSourceProperties sourceDatabase) {
        this.definition = definition;
        this.sourceDatabase = sourceDatabase;
        this.concurrency = concurrency;
        this.sandbox = sandbox;
        Map<ProviderName, ProviderSettings> enabled = ProvidersConfiguration.enabled(properties);
        if (enabled.isEmpty() && !sandbox.whenUnconfigured()) {
            throw new ProviderFatalException(ProvidersConfiguration.NO_PROVIDER_CONFIGURED);
        }
        this.sandboxStandsIn = enabled.isEmpty();
        if (sandboxStandsIn) {
            // The sandbox would stand in for all five, with whatever pacing was configured for each.
            Map<ProviderName, ProviderSettings> configured = ProvidersConfiguration.configured(properties);
            enabled = new EnumMap<>(ProviderName.class);
            for (ProviderName provider : ProviderName.values()) {
                enabled.put(provider, configured.getOrDefault(provider, ProviderSettings.of(null)));
            }
        }
        this.providers = Map.copyOf(enabled);
        this.screen = ProvidersConfiguration.screen(providers.keySet(), properties, definition);
    }

    public JobDefinition definition() {
        return definition;
    }

    /** The providers the run could call: those with a base URL, or all five when the sandbox would stand in. */
    public Set<ProviderName> providers() {
        return providers.isEmpty() ? EnumSet.noneOf(ProviderName.class) : EnumSet.copyOf(providers.keySet());
    }

    /** Whether no provider is configured, so that the in-process sandbox would play all five. */
    public boolean sandboxStandsIn() {
        return sandboxStandsIn;
    }

    /** The settings the run would use with {@code provider}, one of {@link #providers()}: its limits, not its credentials. */
    public ProviderSettings settings(ProviderName provider) {
        ProviderSettings settings = providers.get(provider);
        if (settings == null) {
            throw new IllegalArgumentException(provider + " is not one of this run's providers");
        }
        return settings;
    }

    /** How many withdrawals the run would have in flight at once with {@code provider}. */
    public int concurrency(ProviderName provider) {
        return concurrency.of(provider);
    }

    /** The load step's rules, built as the run builds them. */
    public InstructionScreen screen() {
        return screen;
    }

    /**
     * The load step's reader: of the table source the job definition names, or else of {@code input}, with the same
     * column mapping, page size and longest line.
     *
     * @param database where a table source is read from, as {@link #sourceDatabase} makes it; asked for only for a table
     */
    public ItemStreamReader<InstructionRow> reader(@Nullable Path input, Supplier<SourceDatabase> database) {
        return InstructionReaders.of(definition, input, database);
    }

    /**
     * The database a table source is read from, as the run chooses it: the separate one of {@code cardsweep.source.datasource.*}
     * when set (a pool of read-only connections, which the caller closes), else the application's.
     *
     * @param application the application's database, asked for only when no separate one is set
     */
    public SourceDatabase sourceDatabase(Supplier<DataSource> application) {
        return SourceDatabase.of(sourceDatabase, application);
    }

    /**
     * The sentence the run would stop with before loading anything, when rows name providers it cannot call and no
     * sandbox may stand in for them (the prod profile); empty when it would load them, rejecting the rows.
     */
    public Optional<String> refusal(Set<ProviderName> named) {
        Set<ProviderName> missing = named.isEmpty() ? EnumSet.noneOf(ProviderName.class) : EnumSet.copyOf(named);
        missing.removeAll(providers.keySet());
        return missing.isEmpty() || sandbox.whenUnconfigured() ? Optional.empty() : Optional.of(MissingBaseUrls.refusal(missing).getMessage());
    }
}
