package io.cardsweep.job;

import io.cardsweep.database.SourceDataSourceProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The whole application context of {@code cardsweep plan}: the run's settings, bound and validated from the same job
 * definition, {@code application.yml}, environment and arguments a run reads, and a {@link RunSetup} made of them —
 * nothing else, so a plan starts no database, no sandbox and no provider. Deliberately not a {@code @Configuration}:
 * the run's component scan must leave it out.
 */
@EnableConfigurationProperties({JobDefinition.class, ProvidersProperties.class, SandboxProperties.class, ProviderConcurrency.class,
        SourceDataSourceProperties.class})
public class PlanContext {

    @Bean
    RunSetup runSetup(JobDefinition definition, ProvidersProperties providers, SandboxProperties sandbox, ProviderConcurrency concurrency,
            SourceDataSourceProperties sourceDatabase) {
        return new RunSetup(definition, providers, sandbox, concurrency, sourceDatabase);
    }
}
