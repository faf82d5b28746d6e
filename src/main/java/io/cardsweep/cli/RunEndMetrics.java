package io.cardsweep.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

import io.cardsweep.job.RunParameters;
import io.cardsweep.job.Shard;
import io.cardsweep.ledger.RunSummary;
import io.cardsweep.metrics.MetricsPush;
import io.cardsweep.metrics.RunMeters;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The end of a run, for the metrics: how it ended and when a run of its job last completed, then the push — all of it
 * only when a Pushgateway is set. Nothing here changes the run's exit code or stops the process: a failure costs at
 * most one warning line.
 */
final class RunEndMetrics {

    private static final Logger log = LoggerFactory.getLogger(RunEndMetrics.class);

    private RunEndMetrics() {
    }

    /** @param summary the run's rows in the ledger, null when the run never got that far */
    static void push(ConfigurableApplicationContext context, String job, Shard shard, int exitCode, @Nullable RunSummary summary,
            PrintStream err) {
        try {
            MetricsPush push = context.getBean(MetricsPush.class);
            if (!push.isOn()) {
                return;
            }
            context.getBean(RunMeters.class).ended(exitCode, summary, lastCompleted(context, job, shard));
            push.push(job, shard.isWhole() ? null : shard.toString()).ifPresent(err::println);
        }
        catch (RuntimeException ex) {
            log.warn("The run's metrics could not be set or pushed", ex);
            err.println("Warning: the run's metrics were not pushed (" + ex.getClass().getSimpleName() + "); the run's outcome is as reported.");
        }
    }

    /**
     * When a run of this job and shard last completed, as the job repository records it (this run, if it did): what
     * "no run completed for a day" is measured from, whatever the runs since did. Null when none did, or when the job
     * repository cannot say (the database is what failed the run).
     */
    static @Nullable Instant lastCompleted(ConfigurableApplicationContext context, String job, Shard shard) {
        try {
            JobRepository repository = context.getBean(JobRepository.class);
            String wanted = shard.isWhole() ? null : shard.toString();
            Instant latest = null;
            for (JobInstance instance : repository.getJobInstances(job, 0, UnfinishedRuns.LOOKED_AT)) {
                JobExecution last = repository.getLastJobExecution(instance);
                if (last == null || last.getStatus() != BatchStatus.COMPLETED || last.getEndTime() == null
                        || !Objects.equals(wanted, last.getJobParameters().getString(RunParameters.SHARD))) {
                    continue;
                }
                Instant ended = last.getEndTime().atZone(ZoneId.systemDefault()).toInstant();
                if (latest == null || ended.isAfter(latest)) {
                    latest = ended;
                }
            }
            return latest;
        }
        catch (RuntimeException ex) {
            log.info("When {} last completed could not be read from the job repository", job, ex);
            return null;
        }
    }
}
