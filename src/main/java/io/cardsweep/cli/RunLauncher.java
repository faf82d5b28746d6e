package io.cardsweep.cli;

import java.util.List;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;

import javax.sql.DataSource;

import io.cardsweep.job.Durations;
import io.cardsweep.job.RunParameters;
import io.cardsweep.ledger.ReportWriter;
import io.cardsweep.ledger.RunLedger;
import io.cardsweep.ledger.RunSummary;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Starts a run, or resumes it: a run left STARTED by a killed process is recovered first (the run
 * lock proves no live process has it), a failed one is restarted where it stopped, a completed one
 * is reported as such and nothing is executed.
 */
@Component
class RunLauncher {

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job job;
    private final DataSource dataSource;
    private final RunLedger ledger;
    private final ReportWriter reportWriter;

    RunLauncher(JobOperator jobOperator, JobRepository jobRepository, Job job, DataSource dataSource, RunLedger ledger,
            ReportWriter reportWriter) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.job = job;
        this.dataSource = dataSource;
        this.ledger = ledger;
        this.reportWriter = reportWriter;
    }

    /** @param definition the job definition as the command named it, for the commands it suggests */
    RunOutcome launch(RunParameters parameters, Path definition, PrintStream out) throws Exception {
        JobParameters jobParameters = parameters.toJobParameters();
        RunLock lock = acquire(RunParameters.identity(job.getName(), jobParameters));
        try (lock) {
            if (lock == null) {
                return new RunOutcome(null, false, false, null, "This run (" + job.getName() + " on " + parameters.source().shown()
                        + ", run date " + parameters.runDate() + ") is already running in another process.", ExitCodes.ALREADY_RUNNING);
            }
            List<String> unfinished = UnfinishedRuns.before(jobRepository, job.getName(), parameters.runDate(), definition);
            unfinished.forEach(out::println);
            RunOutcome outcome = launchLocked(parameters, jobParameters, out);
            if (!unfinished.isEmpty() && outcome.exitCode() == ExitCodes.COMPLETED) {
                // This run is done, but what an earlier night left unsent is money nobody moved: the exit code says so,
                // and a CronJob does not take the night for a good one.
                out.printf("%d earlier run(s) of %s did not complete: resume them with the command(s) above.%n", unfinished.size(), job.getName());
                return new RunOutcome(outcome.runId(), outcome.completed(), outcome.alreadyCompleted(), outcome.summary(), outcome.failure(),
                        ExitCodes.NEEDS_ATTENTION);
            }
            return outcome;
        }
    }

    /** The run itself, once its lock is held: started, resumed (a killed execution recovered first), or found completed. */
    private RunOutcome launchLocked(RunParameters parameters, JobParameters jobParameters, PrintStream out) throws Exception {
        JobInstance instance = jobRepository.getJobInstance(job.getName(), jobParameters);
        JobExecution last = instance == null ? null : jobRepository.getLastJobExecution(instance);
        if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
            out.printf("Run %d of %s on this input already completed on %s; nothing new is executed.%n",
                    instance.getInstanceId(), job.getName(), last.getEndTime());
            reportWriter.write(instance.getInstanceId(), parameters.report());
            return finished(instance.getInstanceId(), true);
        }
        if (last != null && last.getStatus().isRunning()) {
            out.printf("Run %d was interrupted (its process died during execution %d); recovering it.%n",
                    instance.getInstanceId(), last.getId());
            jobOperator.recover(last);
        }
        if (last != null) {
            out.printf("Resuming run %d of %s where it stopped.%n", instance.getInstanceId(), job.getName());
        }
        JobExecution execution = start(jobParameters);
        return outcomeOf(execution, out);
    }

    private RunLock acquire(String identity) {
        try {
            return RunLock.tryAcquire(dataSource, identity);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not take the run lock in PostgreSQL: " + ex.getMessage(), ex);
        }
    }

    private JobExecution start(JobParameters jobParameters) throws Exception {
        try {
            return jobOperator.start(job, jobParameters);
        }
        catch (JobInstanceAlreadyCompleteException | JobExecutionAlreadyRunningException ex) {
            throw new IllegalStateException("The job repository refused the run: " + ex.getMessage(), ex);
        }
    }

    private RunOutcome outcomeOf(JobExecution execution, PrintStream out) {
        long runId = execution.getJobInstanceId();
        Duration took = Duration.between(execution.getStartTime(), execution.getEndTime() != null ? execution.getEndTime() : LocalDateTime.now());
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            out.printf("Run %d of %s completed in %s.%n", runId, job.getName(), Durations.brief(took));
            return finished(runId, false);
        }
        if (execution.getStatus() == BatchStatus.STOPPED) {
            return new RunOutcome(runId, false, false, ledger.summary(runId), "Run " + runId + " of " + job.getName() + " stopped on request after "
                    + Durations.brief(took) + ", at a chunk boundary: every withdrawal sent has its outcome recorded. Run the same command"
                    + " to resume it.", ExitCodes.STOPPED);
        }
        String failure = FailureMessages.of(execution.getAllFailureExceptions());
        boolean inputProblem = FailureMessages.isInputProblem(execution.getAllFailureExceptions());
        RunSummary summary = ledger.summary(runId);
        return new RunOutcome(runId, false, false, summary, failure, inputProblem ? ExitCodes.USAGE : ExitCodes.FAILED);
    }

    private RunOutcome finished(long runId, boolean alreadyCompleted) {
        RunSummary summary = ledger.summary(runId);
        int exitCode = summary.needingAttention() > 0 ? ExitCodes.NEEDS_ATTENTION : ExitCodes.COMPLETED;
        return new RunOutcome(runId, true, alreadyCompleted, summary, null, exitCode);
    }
}
