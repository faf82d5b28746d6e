package io.cardsweep.reconcile;

import java.util.Map;

import io.cardsweep.job.InProcessSandbox;
import io.cardsweep.provider.ProviderRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
class ReconcileConfiguration {

    /**
     * The in-process sandbox starts afresh with each process and remembers no earlier run: asking it would "find" that
     * nothing was executed. Without configured providers, reconciliation reads no provider records at all.
     */
    @Bean
    Reconciler reconciler(JdbcTemplate jdbc, ProviderRegistry providers, InProcessSandbox sandbox) {
        return new Reconciler(new ReconcileLedger(jdbc), sandbox.isRunning() ? new ProviderRegistry(Map.of()) : providers);
    }
}
