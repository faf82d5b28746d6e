package io.cardsweep.job;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * The job execution this process is running, if any: what a stop request (SIGTERM) stops. A process runs one
 * execution at a time, so this is it from before its first step to after its last.
 */
public class RunningExecution implements JobExecutionListener {

    private final AtomicReference<JobExecution> current = new AtomicReference<>();

    @Override
    public void beforeJob(JobExecution jobExecution) {
        current.set(jobExecution);
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        current.compareAndSet(jobExecution, null);
    }

    public Optional<JobExecution> get() {
        return Optional.ofNullable(current.get());
    }
}
