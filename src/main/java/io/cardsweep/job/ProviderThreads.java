package io.cardsweep.job;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import io.cardsweep.provider.ProviderName;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The threads withdrawals overlap on: one pool per provider, sized to its concurrency cap (twice that where the card's
 * balance is read first, outside the cap), so a slow provider
 * (HTP following a status for a minute) only ever holds its own threads, never the others'. A task goes to the
 * pool of the provider whose partition submits it. At shutdown, withdrawals already started finish and record
 * their outcome rather than being cut off.
 */
final class ProviderThreads implements AsyncTaskExecutor, DisposableBean {

    private final Map<ProviderName, ThreadPoolTaskExecutor> pools = new EnumMap<>(ProviderName.class);

    /**
     * @param readsBalances the providers whose cards' balances are read before each withdrawal: they get twice as many
     *        threads as withdrawals in flight, so that the reads overlap the withdrawals rather than wait their turn
     */
    ProviderThreads(ProviderConcurrency concurrency, Set<ProviderName> readsBalances) {
        for (ProviderName provider : ProviderName.values()) {
            int threads = concurrency.of(provider) * (readsBalances.contains(provider) ? 2 : 1);
            ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
            pool.setThreadNamePrefix("withdraw-" + provider.id() + "-");
            pool.setCorePoolSize(threads);
            pool.setMaxPoolSize(threads);
            pool.setWaitForTasksToCompleteOnShutdown(true);
            pool.setAwaitTerminationSeconds(120);
            pool.initialize();
            pools.put(provider, pool);
        }
    }

    @Override
    public void execute(Runnable task) {
        StepContext step = StepSynchronizationManager.getContext();
        if (step == null) {
            throw new IllegalStateException("withdrawal tasks are submitted from a provider partition's step");
        }
        String provider = step.getStepExecution().getExecutionContext().getString(ExecuteStepConfiguration.PROVIDER);
        pools.get(ProviderName.fromId(provider).orElseThrow()).execute(task);
    }

    @Override
    public void destroy() {
        pools.values().forEach(ThreadPoolTaskExecutor::shutdown);
    }
}
