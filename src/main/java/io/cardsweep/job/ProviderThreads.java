package io.cardsweep.job;

import java.util.EnumMap;
import java.util.Map;

import io.cardsweep.provider.ProviderName;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The threads withdrawals overlap on: one pool per provider, sized to its concurrency cap, so a slow provider
 * (HTP following a status for a minute) only ever holds its own threads, never the others'. A task goes to the
 * pool of the provider whose partition submits it. At shutdown, withdrawals already started finish and record
 * their outcome rather than being cut off.
 */
final class ProviderThreads implements AsyncTaskExecutor, DisposableBean {

    private final Map<ProviderName, ThreadPoolTaskExecutor> pools = new EnumMap<>(ProviderName.class);

    ProviderThreads(ProviderConcurrency concurrency) {
        for (ProviderName provider : ProviderName.values()) {
            ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
            pool.setThreadNamePrefix("withdraw-" + provider.id() + "-");
            pool.setCorePoolSize(concurrency.of(provider));
            pool.setMaxPoolSize(concurrency.of(provider));
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
