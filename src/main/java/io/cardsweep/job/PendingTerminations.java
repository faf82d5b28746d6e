package io.cardsweep.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.cardsweep.ledger.TerminationLedger;
import io.cardsweep.progress.ProgressReporter;
import io.cardsweep.provider.ProviderName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The terminate step of a job that terminates its cards: each card whose withdrawal has ended (this run's or an
 * earlier one's) is terminated once, one card at a time, and a termination a cooldown holds back (Uncash counts a
 * close as a withdrawal attempt) is waited for while the run's time budget ({@code --max-wait}, counted from this
 * step's start) lasts; what still waits at the deadline stays DEFERRED for the next run. Each call does one batch or
 * one short wait, so a stop request is honoured between them. Before each start or restart of the step, terminations a
 * dead attempt left in flight become UNKNOWN ({@link #beforeStep}).
 */
class PendingTerminations implements Tasklet, StepExecutionListener {

    private static final String DEADLINE = "terminations.deadline";
    private static final int BATCH = 50;
    private static final Duration LONGEST_NAP = Duration.ofSeconds(5);
    private static final Logger progress = LoggerFactory.getLogger("cardsweep.progress");

    private final TerminationLedger ledger;
    private final CardTerminator terminator;
    private final String jobName;
    private final Set<ProviderName> providers;
    private final Duration maxWait;
    private final Clock clock;
    private final ProgressReporter reporter;
    private int announcedWaiting = -1;

    /** @param providers the providers this run can call: cards of the others wait for a run that can */
    PendingTerminations(TerminationLedger ledger, CardTerminator terminator, String jobName, Set<ProviderName> providers, Duration maxWait,
            Clock clock, ProgressReporter reporter) {
        this.ledger = ledger;
        this.reporter = reporter;
        this.terminator = terminator;
        this.jobName = jobName;
        this.providers = Set.copyOf(providers);
        this.maxWait = maxWait;
        this.clock = clock;
    }

    /**
     * On every start, a restart included (whose restored context would hide that it is one): the call of a termination
     * left IN_FLIGHT by an execution no longer running may have executed, so it is never sent again.
     */
    @Override
    public void beforeStep(StepExecution stepExecution) {
        ledger.markInterruptedUnknown(stepExecution.getJobExecutionId());
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws InterruptedException {
        Instant now = clock.instant();
        ExecutionContext context = contribution.getStepExecution().getExecutionContext();
        long jobExecutionId = contribution.getStepExecution().getJobExecutionId();
        if (!context.containsKey(DEADLINE)) {
            context.putLong(DEADLINE, now.plus(maxWait).toEpochMilli());
        }
        Instant deadline = Instant.ofEpochMilli(context.getLong(DEADLINE));
        List<TerminationLedger.Due> due = ledger.due(jobName, providers, now, BATCH);
        if (!due.isEmpty()) {
            for (TerminationLedger.Due termination : due) {
                contribution.incrementReadCount();
                String state = terminator.terminate(termination, jobExecutionId);
                if (state != null) {
                    contribution.incrementWriteCount(1);
                }
                // Held back by a cooldown, it still waits: not done yet.
                if (!"DEFERRED".equals(state)) {
                    reporter.record(termination.provider(), state);
                }
            }
            return RepeatStatus.CONTINUABLE;
        }
        TerminationLedger.Waiting waiting = ledger.waiting(jobName, providers);
        Instant next = waiting.nextDue();
        if (next == null || next.isAfter(deadline)) {
            return RepeatStatus.FINISHED;
        }
        if (waiting.count() != announcedWaiting) {
            announcedWaiting = waiting.count();
            progress.info("Waiting for {} card termination(s) a cooldown holds back: next due in {}; the run waits until {} (--max-wait).",
                    waiting.count(), Durations.brief(Duration.between(now, next)), Durations.brief(Duration.between(now, deadline)) + " from now");
        }
        Thread.sleep(Math.max(1, Math.min(Duration.between(now, next).toMillis(), LONGEST_NAP.toMillis())));
        return RepeatStatus.CONTINUABLE;
    }
}
