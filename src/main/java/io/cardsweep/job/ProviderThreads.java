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
 * The threads withdrawals overlap on: one pool per provider, three times its concurrency cap, so that what a withdrawal
 * does before its turn (reading the card's balance) overlaps the others' turns, and a turn handed on finds the next
 * withdrawal already waiting for it. A slow provider (HTP following a status for a minute) only ever holds its own
 * threads, never the others'. A task goes to the
 * pool of the provider whose partition submits it. At shutdown, withdrawals already started finish and record
 * their outcome rather than being cut off.
 */
public final class ProviderThreads implements AsyncTaskExecutor, DisposableBean {

    private final Map<ProviderName, ThreadPoolTaskExecutor> pools = new EnumMap<>(ProviderName.class);

    /** Threads per turn: one taking it, the others reading a balance before theirs or waiting to take it next. */
    public static final int THREADS_PER_TURN = 3;

    ProviderThreads(ProviderConcurrency concurrency) {
        for (ProviderName provider : ProviderName.values()) {
            int threads = concurrency.of(provider) * THREADS_PER_TURN;
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

    /** The most threads any provider has. */
    int largestPool() {
        return pools.values().stream().mapToInt(ThreadPoolTaskExecutor::getMaxPoolSize).max().orElse(1);
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
