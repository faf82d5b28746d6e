package io.cardsweep.job;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

import io.cardsweep.ledger.PendingWithdrawal;
import io.cardsweep.ledger.WithdrawalLedger;
import io.cardsweep.ledger.WithdrawalStatus;
import io.cardsweep.progress.ProgressReporter;
import io.cardsweep.provider.ProviderName;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The deferred step: withdrawals of this job deferred by a cooldown or a rate limit (by this run or an earlier
 * one) are executed once their {@code not_before} has passed, waiting for them while the run's time budget
 * lasts. Each call does one batch or one short wait, so a stop request is honoured between them; what is
 * still deferred at the deadline stays DEFERRED for the next run.
 */
class DeferredWithdrawals implements Tasklet, StepExecutionListener {

    private static final String DEADLINE = "deferred.deadline";
    private static final int BATCH = 50;
    private static final Duration LONGEST_NAP = Duration.ofSeconds(5);
    private static final Duration ANNOUNCE_EVERY = Duration.ofMinutes(1);
    private static final Logger progress = LoggerFactory.getLogger("cardsweep.progress");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final JdbcTemplate jdbc;
    private final WithdrawalExecutor executor;
    private final WithdrawalLedger ledger;
    private final String jobName;
    private final String[] providers;
    private final Duration maxWait;
    private final Clock clock;
    private final ProgressReporter reporter;
    private @Nullable Instant announced;

    /** @param providers the providers this run can call: rows of the others wait for a run that can */
    DeferredWithdrawals(JdbcTemplate jdbc, WithdrawalExecutor executor, WithdrawalLedger ledger, String jobName, Set<ProviderName> providers,
            Duration maxWait, Clock clock, ProgressReporter reporter) {
        this.jdbc = jdbc;
        this.reporter = reporter;
        this.executor = executor;
        this.ledger = ledger;
        this.jobName = jobName;
        this.providers = providers.stream().map(ProviderName::id).toArray(String[]::new);
        this.maxWait = maxWait;
        this.clock = clock;
    }

    /**
     * On every start, a restart included (whose restored context would hide that it is one): rows an attempt that is no
     * longer running left IN_FLIGHT may have been executed, so they become UNKNOWN and are never sent again.
     */
    @Override
    public void beforeStep(StepExecution stepExecution) {
        ledger.markInterruptedUnknown(stepExecution.getJobExecutionId());
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws InterruptedException {
        Instant now = clock.instant();
        ExecutionContext context = contribution.getStepExecution().getExecutionContext();
        Instant deadline = deadline(context, now);
        if (now.isAfter(deadline)) {
            return RepeatStatus.FINISHED;
        }
        List<PendingWithdrawal> due = jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("SELECT " + PendingWithdrawalRowMapper.COLUMNS + """
                     FROM withdrawal WHERE job_name = ? AND status = 'DEFERRED' AND not_before <= ? AND provider = ANY (?)
                    ORDER BY not_before, id LIMIT ?""");
            statement.setString(1, jobName);
            statement.setObject(2, now.atOffset(ZoneOffset.UTC));
            statement.setArray(3, connection.createArrayOf("text", providers));
            statement.setInt(4, BATCH);
            return statement;
        }, PendingWithdrawalRowMapper.INSTANCE);
        if (!due.isEmpty()) {
            long jobExecutionId = contribution.getStepExecution().getJobExecutionId();
            for (PendingWithdrawal row : due) {
                contribution.incrementReadCount();
                ExecutedWithdrawal executed = executor.execute(row, jobExecutionId);
                if (executed != null) {
                    contribution.incrementWriteCount(1);
                }
                // Deferred again (its card still in cooldown), it still waits: not done yet.
                if (executed == null || executed.status() != WithdrawalStatus.DEFERRED) {
                    reporter.record(row.provider(), executed == null ? null : executed.status().name());
                }
            }
            return RepeatStatus.CONTINUABLE;
        }
        Waiting waiting = waiting();
        Instant next = waiting.nextDue();
        if (next == null || next.isAfter(deadline)) {
            return RepeatStatus.FINISHED;
        }
        announceWait(now, waiting.count(), next, deadline);
        Duration nap = Duration.between(now, next);
        Thread.sleep(Math.max(1, Math.min(nap.toMillis(), LONGEST_NAP.toMillis())));
        return RepeatStatus.CONTINUABLE;
    }

    /** Says, once a minute while it lasts, that the run is waiting and for how long it may. */
    private void announceWait(Instant now, int waiting, Instant next, Instant deadline) {
        if (announced != null && Duration.between(announced, now).compareTo(ANNOUNCE_EVERY) < 0) {
            return;
        }
        announced = now;
        ZoneId zone = ZoneId.systemDefault();
        progress.info("Waiting for {} deferred withdrawal(s): next due at {} (in {}); the run waits until {} (--max-wait).", waiting,
                TIME.format(next.atZone(zone)), Durations.brief(Duration.between(now, next)), TIME.format(deadline.atZone(zone)));
    }

    /** Fixed when the step first starts, and kept across restarts in the step's context. */
    private Instant deadline(ExecutionContext context, Instant now) {
        if (!context.containsKey(DEADLINE)) {
            context.putLong(DEADLINE, now.plus(maxWait).toEpochMilli());
        }
        return Instant.ofEpochMilli(context.getLong(DEADLINE));
    }

    /** How many of this job's withdrawals wait, and when the first of them is due (null when none waits). */
    private record Waiting(int count, @Nullable Instant nextDue) {
    }

    private Waiting waiting() {
        return jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(
                    "SELECT count(*), min(not_before) FROM withdrawal WHERE job_name = ? AND status = 'DEFERRED' AND provider = ANY (?)");
            statement.setString(1, jobName);
            statement.setArray(2, connection.createArrayOf("text", providers));
            return statement;
        }, rs -> {
            rs.next();
            OffsetDateTime next = rs.getObject(2, OffsetDateTime.class);
            return new Waiting(rs.getInt(1), next == null ? null : next.toInstant());
        });
    }
}
