package io.cardsweep.job;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import io.cardsweep.database.SourceDatabase;
import io.cardsweep.instruction.CardNumberProtection;
import io.cardsweep.instruction.ColumnMapping;
import io.cardsweep.instruction.InstructionRow;
import io.cardsweep.instruction.Screening;
import io.cardsweep.instruction.TableSource;
import io.cardsweep.ledger.LedgerLoader;
import io.cardsweep.ledger.ReportWriter;
import io.cardsweep.ledger.RunContext;
import io.cardsweep.ledger.TerminationLedger;
import io.cardsweep.ledger.WithdrawalLedger;
import io.cardsweep.metrics.ProviderCallMeters;
import io.cardsweep.metrics.WithdrawalMeters;
import io.cardsweep.progress.ProgressDisplay;
import io.cardsweep.progress.ProgressProperties;
import io.cardsweep.progress.ProgressReporter;
import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.ProviderRegistry;
import io.cardsweep.rules.InstructionScreen;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The reclaim job: load (CSV file or table → rules → ledger), execute (ledger → provider → ledger), deferred (what a cooldown
 * or rate limit held back, once due, within the run's time budget), report.
 * The job's name is the job definition's name, so each definition keeps its own runs and keys.
 */
@Configuration(proxyBeanMethods = false)
class ReclaimJobConfiguration {

    @Bean
    Job reclaimJob(JobDefinition definition, JobRepository jobRepository, Step loadStep, Step executeStep, Step deferredStep,
            Step terminateStep, Step reportStep, RunningExecution runningExecution, ProgressReporter progress) {
        SimpleJobBuilder steps = new JobBuilder(definition.name(), jobRepository)
                .listener(runningExecution)
                .listener(new JobExecutionListener() {
                    @Override
                    public void afterJob(JobExecution jobExecution) {
                        // Each step stops its progress as it ends; this is for certain that nothing is told after the run.
                        progress.finish();
                    }
                })
                .start(loadStep)
                .next(executeStep)
                .next(deferredStep);
        if (definition.terminate()) {
            steps = steps.next(terminateStep);
        }
        return steps.next(reportStep).build();
    }

    @Bean
    Step terminateStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, PendingTerminations pendingTerminations,
            ProgressSteps progressSteps) {
        return new StepBuilder("terminate", jobRepository).tasklet(pendingTerminations, transactionManager).listener(pendingTerminations)
                .listener(progressSteps.terminate()).build();
    }

    @Bean
    ProgressReporter progressReporter(ProgressProperties settings, Clock clock) {
        return ProgressReporter.of(settings, clock, ProgressDisplay.forThisProcess());
    }

    @Bean
    ProgressSteps progressSteps(ProgressReporter progress, JdbcTemplate jdbc, JobDefinition definition, ProviderRegistry providers) {
        return new ProgressSteps(progress, jdbc, definition.name(), providers.names());
    }

    @Bean
    CardTerminator cardTerminator(TerminationLedger ledger, ProviderRegistry providers, EnabledProviders enabled, JobDefinition definition,
            Clock clock, ProviderCallMeters calls) {
        return new CardTerminator(ledger, providers, WithdrawalExecutor.retryPolicy(definition.retry()), enabled.cooldowns(), clock, calls);
    }

    @Bean
    @StepScope
    PendingTerminations pendingTerminations(TerminationLedger ledger, CardTerminator terminator, ProviderRegistry providers,
            JobDefinition definition, Clock clock, @Value("#{jobParameters['max-wait']}") @Nullable String maxWait, ProgressReporter progress) {
        return new PendingTerminations(ledger, terminator, definition.name(), providers.names(),
                maxWait == null ? definition.maxWait() : Duration.parse(maxWait), clock, progress);
    }

    @Bean
    RunningExecution runningExecution() {
        return new RunningExecution();
    }

    @Bean
    Step deferredStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, DeferredWithdrawals deferredWithdrawals,
            ProgressSteps progressSteps) {
        return new StepBuilder("deferred", jobRepository).tasklet(deferredWithdrawals, transactionManager).listener(deferredWithdrawals)
                .listener(progressSteps.deferred()).build();
    }

    @Bean
    @StepScope
    DeferredWithdrawals deferredWithdrawals(JdbcTemplate jdbc, WithdrawalExecutor executor, WithdrawalLedger ledger, ProviderRegistry providers,
            JobDefinition definition, Clock clock, @Value("#{jobParameters['max-wait']}") @Nullable String maxWait, ProgressReporter progress) {
        return new DeferredWithdrawals(jdbc, executor, ledger, definition.name(), providers.names(),
                maxWait == null ? definition.maxWait() : Duration.parse(maxWait), clock, progress);
    }

    @Bean
    Step loadStep(JobDefinition definition, JobRepository jobRepository, PlatformTransactionManager transactionManager,
            ItemStreamReader<InstructionRow> instructionReader, LoadProcessor loadProcessor, LedgerWriter ledgerWriter,
            ProviderRegistry providers, SandboxProperties sandbox, SourceDatabase sourceDatabase) {
        return new StepBuilder("load", jobRepository).<InstructionRow, Screening>chunk(definition.chunkSize())
                .transactionManager(transactionManager)
                .reader(instructionReader)
                .processor(loadProcessor)
                .writer(ledgerWriter)
                .listener(new StepExecutionListener() {
                    @Override
                    public void beforeStep(StepExecution stepExecution) {
                        if (!sandbox.whenUnconfigured()) {
                            refuseProvidersWithoutBaseUrl(stepExecution, definition, providers, sourceDatabase);
                        }
                    }
                })
                .build();
    }

    /**
     * Where no sandbox may stand in for a provider without a base URL (the prod profile), that is missing configuration,
     * not a row to reject: rejected, the withdrawal would be final and the same command could never send it. The run
     * stops before loading anything, and runs again from the start once it is set.
     */
    private static void refuseProvidersWithoutBaseUrl(StepExecution stepExecution, JobDefinition definition, ProviderRegistry providers,
            SourceDatabase sourceDatabase) {
        String input = stepExecution.getJobParameters().getString(RunParameters.INPUT);
        if (providers.names().size() == ProviderName.values().length) {
            return;
        }
        ColumnMapping columns = ColumnMapping.defaults().withOverrides(definition.columns());
        TableSource table = definition.source();
        Set<ProviderName> missing = table != null ? MissingBaseUrls.namedIn(table, columns, sourceDatabase, providers.names())
                : input != null ? MissingBaseUrls.namedIn(Path.of(input), columns, definition.maxLineLength(), providers.names())
                : Set.of();
        if (!missing.isEmpty()) {
            throw MissingBaseUrls.refusal(missing);
        }
    }

    @Bean
    @StepScope
    LoadProcessor loadProcessor(InstructionScreen screen, CardNumberProtection protection,
            @Value("#{jobParameters['shard']}") @Nullable String shard) {
        return new LoadProcessor(screen, protection, shard == null ? Shard.WHOLE : Shard.parse(shard));
    }

    /** The job definition's table source if it names one, else the input file: one reader of one name, so one restart state. */
    @Bean
    @StepScope
    ItemStreamReader<InstructionRow> instructionReader(JobDefinition definition, SourceDatabase sourceDatabase,
            @Value("#{jobParameters['input']}") @Nullable String input) {
        return InstructionReaders.of(definition, input == null ? null : Path.of(input), () -> sourceDatabase);
    }

    @Bean
    @StepScope
    LedgerWriter ledgerWriter(LedgerLoader loader, @Value("#{stepExecution}") StepExecution stepExecution, JobDefinition definition,
            WithdrawalMeters outcomes) {
        return new LedgerWriter(loader, new RunContext(stepExecution.getJobExecution().getJobInstanceId(),
                stepExecution.getJobExecutionId(), definition.name(), definition.terminate()), outcomes);
    }

    @Bean
    Step reportStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, ReportWriter reportWriter) {
        Tasklet writeReport = (contribution, chunkContext) -> {
            StepExecution step = contribution.getStepExecution();
            String report = step.getJobParameters().getString(RunParameters.REPORT);
            if (report != null) {
                reportWriter.write(step.getJobExecution().getJobInstanceId(), Path.of(report));
            }
            return RepeatStatus.FINISHED;
        };
        return new StepBuilder("report", jobRepository).tasklet(writeReport, transactionManager).build();
    }
}
