package io.cardsweep.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import io.cardsweep.job.RunParameters;
import io.cardsweep.job.Shard;
import io.cardsweep.ledger.WithdrawalStatus;
import io.cardsweep.provider.ProviderName;
import io.cardsweep.metrics.MetricsPush;
import io.cardsweep.metrics.RunMeters;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The end of a run, for the metrics: how it ended and when a run of its job last completed, then the push — all of it
 * only when a Pushgateway is set. Nothing here changes the run's exit code or stops the process: a failure costs at
 * most one warning line.
 */
final class RunEndMetrics {

    private static final Logger log = LoggerFactory.getLogger(RunEndMetrics.class);

    private RunEndMetrics() {
    }

    static void push(ConfigurableApplicationContext context, String job, Shard shard, int exitCode, PrintStream err) {
        try {
            MetricsPush push = context.getBean(MetricsPush.class);
            if (!push.isOn()) {
                return;
            }
            context.getBean(RunMeters.class).ended(exitCode, outstanding(context, job), lastCompleted(context, job, shard));
            push.push(job, shard.isWhole() ? null : shard.toString()).ifPresent(err::println);
        }
        catch (RuntimeException ex) {
            log.warn("The run's metrics could not be set or pushed", ex);
            err.println("Warning: the run's metrics were not pushed (" + ex.getClass().getSimpleName() + "); the run's outcome is as reported.");
        }
    }

    /**
     * Per provider, how many of the job's withdrawals the ledger holds DEFERRED and UNKNOWN now, whichever run loaded
     * them; null when the ledger cannot say (the database is what failed the run).
     */
    static @Nullable Map<ProviderName, Map<WithdrawalStatus, Long>> outstanding(ConfigurableApplicationContext context, String job) {
        try {
            Map<ProviderName, Map<WithdrawalStatus, Long>> outstanding = new EnumMap<>(ProviderName.class);
            List<Map<String, Object>> rows = new JdbcTemplate(context.getBean(DataSource.class)).queryForList("""
                    SELECT provider, status, count(*) AS n FROM withdrawal WHERE job_name = ? AND status IN ('DEFERRED', 'UNKNOWN')
                    GROUP BY provider, status""", job);
            for (Map<String, Object> row : rows) {
                ProviderName.fromId((String) row.get("provider")).ifPresent(provider -> outstanding
                        .computeIfAbsent(provider, p -> new EnumMap<>(WithdrawalStatus.class))
                        .put(WithdrawalStatus.valueOf((String) row.get("status")), ((Number) row.get("n")).longValue()));
            }
            return outstanding;
        }
        catch (RuntimeException ex) {
            log.info("What {} has left DEFERRED or UNKNOWN could not be read from the ledger", job, ex);
            return null;
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
            for (JobExecution last : UnfinishedRuns.lastExecutions(repository, job)) {
                if (last.getStatus() != BatchStatus.COMPLETED || last.getEndTime() == null
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
