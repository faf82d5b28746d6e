package io.cardsweep.job;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import io.cardsweep.ledger.PendingWithdrawal;
import io.cardsweep.ledger.WithdrawalLedger;
import io.cardsweep.metrics.ProviderCallMeters;
import io.cardsweep.metrics.WithdrawalMeters;
import io.cardsweep.progress.ProgressReporter;
import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.ProviderRegistry;
import io.cardsweep.rules.InstructionScreen;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The execute step, partitioned by provider (local partitioning, one restartable step execution each) so a
 * slow or tightly limited provider never holds the others back. Within a partition, withdrawals overlap on the
 * provider's own threads, three per withdrawal its concurrency cap lets in flight ({@link ProviderConcurrency},
 * {@link ProviderThreads}).
 */
@Configuration(proxyBeanMethods = false)
class ExecuteStepConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ExecuteStepConfiguration.class);

    static final String PROVIDER = "provider";

    @Bean
    Step executeStep(JobRepository jobRepository, Step executeProviderStep, Partitioner providerPartitioner, ProviderRegistry providers,
            JdbcTemplate jdbc, ProgressSteps progressSteps) {
        SimpleAsyncTaskExecutor partitions = new SimpleAsyncTaskExecutor("execute-");
        return new StepBuilder("execute", jobRepository)
                .partitioner("executeProvider", providerPartitioner)
                .step(executeProviderStep)
                .gridSize(ProviderName.values().length)
                .taskExecutor(partitions)
                .listener(new StepExecutionListener() {
                    @Override
                    public void beforeStep(StepExecution stepExecution) {
                        refuseToLeaveWithdrawalsBehind(jdbc, providers, stepExecution.getJobExecution().getJobInstanceId());
                    }
                })
                .listener(progressSteps.execute())
                .build();
    }

    /**
     * A run restarted with fewer providers configured than it loaded with would find no partition for the others,
     * complete, and strand their READY withdrawals in a finished run. It stops instead, naming what to configure.
     */
    static void refuseToLeaveWithdrawalsBehind(JdbcTemplate jdbc, ProviderRegistry providers, long runId) {
        Set<ProviderName> waiting = EnumSet.noneOf(ProviderName.class);
        jdbc.query("SELECT DISTINCT provider FROM withdrawal WHERE run_id = ? AND status = 'READY'",
                (RowCallbackHandler) rs -> ProviderName.fromId(rs.getString(1)).ifPresent(waiting::add), runId);
        waiting.removeAll(providers.names());
        if (!waiting.isEmpty()) {
            throw MissingBaseUrls.refusal(waiting);
        }
    }

    /** One partition per provider this run can call, named after it. */
    @Bean
    Partitioner providerPartitioner(ProviderRegistry providers) {
        return gridSize -> {
            Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
            for (ProviderName provider : providers.names()) {
                ExecutionContext context = new ExecutionContext();
                context.putString(PROVIDER, provider.id());
                partitions.put(provider.id(), context);
            }
            return partitions;
        };
    }

    /** Longer than any one withdrawal takes with its retries and, for HTP, following its status. */
    static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(5);

    /**
     * Rows handed to a provider's threads at once: {@code chunk-size} per thread. A multi-threaded chunk ends only when
     * its last row is recorded, so the threads idle through each chunk's last round; with this many rows, that is a few
     * percent of a chunk. A large chunk costs nothing else: a restart takes every row still READY whatever chunk it
     * was in, and a stop does not wait for the chunk to end ({@link ExecuteProcessor}).
     */
    static int rowsPerChunk(JobDefinition definition, ProviderThreads threads) {
        return definition.chunkSize() * threads.largestPool();
    }

    @Bean
    Step executeProviderStep(JobDefinition definition, JobRepository jobRepository, PlatformTransactionManager transactionManager,
            JdbcPagingItemReader<PendingWithdrawal> readyWithdrawals, ExecuteProcessor executeProcessor, WithdrawalLedger ledger,
            ProviderThreads withdrawalThreads, WithdrawalExecutor executor) {
        return new StepBuilder("executeProvider", jobRepository)
                .<PendingWithdrawal, ExecutedWithdrawal>chunk(rowsPerChunk(definition, withdrawalThreads))
                .transactionManager(transactionManager)
                .reader(readyWithdrawals)
                .processor(executeProcessor)
                // Outcomes are committed by the processor, one by one, the moment they are known (exactly-once protocol);
                // the chunk transaction only carries the reader's restart state.
                .writer(chunk -> { })
                .taskExecutor(withdrawalThreads)
                .listener(new StepExecutionListener() {
                    @Override
                    public void beforeStep(StepExecution stepExecution) {
                        // Only rows claimed by executions no longer running: the other partitions run at the same time.
                        ledger.markInterruptedUnknown(stepExecution.getJobExecutionId());
                    }

                    @Override
                    public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
                        if (stepExecution.getStatus() != BatchStatus.COMPLETED) {
                            settle(executor, stepExecution);
                        }
                        return null;
                    }
                })
                .build();
    }

    /**
     * A failed chunk stops waiting for its items at the first failure, while the others are still on the provider's
     * threads: the partition ends only when they have been recorded, and nothing more is sent for it.
     */
    private static void settle(WithdrawalExecutor executor, StepExecution stepExecution) {
        ProviderName provider = ProviderName.fromId(stepExecution.getExecutionContext().getString(PROVIDER)).orElseThrow();
        try {
            if (!executor.settle(stepExecution.getJobExecutionId(), provider, SETTLE_TIMEOUT)) {
                log.warn("{} withdrawals were still being sent {} after the {} partition failed", provider, Durations.brief(SETTLE_TIMEOUT),
                        provider);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Bean
    ProviderThreads withdrawalThreads(ProviderConcurrency concurrency) {
        return new ProviderThreads(concurrency);
    }

    @Bean
    @StepScope
    JdbcPagingItemReader<PendingWithdrawal> readyWithdrawals(DataSource dataSource, JobDefinition definition,
            @Value("#{stepExecution}") StepExecution stepExecution) throws Exception {
        return new JdbcPagingItemReaderBuilder<PendingWithdrawal>()
                .name("readyWithdrawals")
                .dataSource(dataSource)
                .selectClause("SELECT " + PendingWithdrawalRowMapper.COLUMNS)
                .fromClause("FROM withdrawal")
                .whereClause("WHERE run_id = :runId AND provider = :provider AND status = 'READY'")
                .parameterValues(Map.of("runId", stepExecution.getJobExecution().getJobInstanceId(),
                        "provider", stepExecution.getExecutionContext().getString(PROVIDER)))
                .sortKeys(Map.of("id", Order.ASCENDING))
                .pageSize(definition.chunkSize())
                .rowMapper(PendingWithdrawalRowMapper.INSTANCE)
                // A restart reads from the first row still READY rather than after the last chunk committed: a stopped
                // chunk leaves the rows it had not started READY (ExecuteProcessor), and they are sent on resume.
                .saveState(false)
                .build();
    }

    @Bean
    @StepScope
    ExecuteProcessor executeProcessor(WithdrawalExecutor executor, @Value("#{stepExecution}") StepExecution stepExecution,
            ProgressReporter progress) {
        return new ExecuteProcessor(executor, stepExecution, progress);
    }

    @Bean
    WithdrawalExecutor withdrawalExecutor(WithdrawalLedger ledger, ProviderRegistry providers, EnabledProviders enabled,
            ProviderConcurrency concurrency, JobDefinition definition, InstructionScreen screen, Clock clock, WithdrawalMeters outcomes,
            ProviderCallMeters calls) {
        return new WithdrawalExecutor(ledger, providers, WithdrawalExecutor.retryPolicy(definition.retry()), enabled.cooldowns(), concurrency,
                screen::amountBounds, clock, outcomes, calls);
    }
}
