package io.cardsweep.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.cardsweep.job.RunParameters;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Earlier runs of a job whose last execution did not complete. A run's date is part of its identity, so the next
 * night's command starts a new run, and an unfinished one from an earlier night would be left behind without a word,
 * its withdrawals not yet sent waiting for ever: a run that starts names each, with the command that resumes it.
 * A run abandoned on purpose ({@code ABANDONED}) is not named.
 */
final class UnfinishedRuns {

    /** How many of the job's latest runs are looked at: weeks of nightly runs, one query each. */
    static final int LOOKED_AT = 50;

    private UnfinishedRuns() {
    }

    /** The last execution of each of the job's latest {@value #LOOKED_AT} runs, the latest run first. */
    static List<JobExecution> lastExecutions(JobRepository repository, String jobName) {
        List<JobExecution> executions = new ArrayList<>();
        for (JobInstance instance : repository.getJobInstances(jobName, 0, LOOKED_AT)) {
            JobExecution last = repository.getLastJobExecution(instance);
            if (last != null) {
                executions.add(last);
            }
        }
        return executions;
    }

    /** One warning line per unfinished run dated before {@code runDate}, the latest first. */
    static List<String> before(JobRepository repository, String jobName, LocalDate runDate, Path definition) {
        List<String> warnings = new ArrayList<>();
        for (JobExecution last : lastExecutions(repository, jobName)) {
            if (last.getStatus() == BatchStatus.COMPLETED || last.getStatus() == BatchStatus.ABANDONED) {
                continue;
            }
            LocalDate date = last.getJobParameters().getLocalDate(RunParameters.RUN_DATE);
            if (date != null && date.isBefore(runDate)) {
                warnings.add("Warning: run " + last.getJobInstanceId() + " of " + jobName + " (run date " + date + ") did not complete ("
                        + last.getStatus() + (last.getStatus().isRunning() ? ": its process was killed, or still runs" : "")
                        + "), and what it has not sent yet waits for it; resume it with: " + command(definition, last.getJobParameters()));
            }
        }
        return warnings;
    }

    /** The command that resumes it: its identifying arguments, as this command named the job definition. */
    private static String command(Path definition, JobParameters parameters) {
        StringBuilder command = new StringBuilder("cardsweep run ").append(definition);
        String input = parameters.getString(RunParameters.INPUT);
        if (input != null) {
            command.append(" --input ").append(input);
        }
        command.append(" --run-date ").append(parameters.getLocalDate(RunParameters.RUN_DATE));
        String shard = parameters.getString(RunParameters.SHARD);
        if (shard != null) {
            command.append(" --shard ").append(shard);
        }
        return command.toString();
    }
}
