package io.cardsweep.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.cardsweep.job.RunningExecution;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a termination signal (SIGTERM: Ctrl-C's quieter sibling, and what Kubernetes sends a pod) does to a run: the
 * job is asked to stop ({@code JobOperator.stop}, as Spring Batch's {@code JobExecutionShutdownHook} does), every step
 * stops at its next chunk boundary — withdrawals already sent finish and record their outcome, none is left in
 * flight — the run is marked STOPPED, the CLI prints its summary, and the process exits with
 * {@link ExitCodes#STOPPED}. The same command resumes the run.
 * <p>
 * The JVM runs shutdown hooks at the same time as the main thread, so Spring Boot's own hook is off (it would close
 * the database under the stopping job); this hook waits for the main thread to finish, closes the application context
 * if the main thread could not, and ends the process with the run's exit code. A signal before the job started, or a
 * job that does not stop within {@code grace}, ends the process as a kill would, which the ledger is built to survive.
 */
final class GracefulStop extends Thread {

    private final ConfigurableApplicationContext context;
    private final PrintStream out;
    private final Duration grace;
    private final CountDownLatch mainFinished = new CountDownLatch(1);
    private final AtomicInteger exitCode = new AtomicInteger(ExitCodes.STOPPED);

    private GracefulStop(ConfigurableApplicationContext context, PrintStream out, Duration grace) {
        super("cardsweep-graceful-stop");
        this.context = context;
        this.out = out;
        this.grace = grace;
    }

    /** Installs the hook for a context built without Spring Boot's own shutdown hook. */
    static GracefulStop install(ConfigurableApplicationContext context, PrintStream out, Duration grace) {
        GracefulStop hook = new GracefulStop(context, out, grace);
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /** The main thread is done (summary printed, context closed): a hook already running may end the process now. */
    void mainFinished(int code) {
        exitCode.set(code);
        mainFinished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(this);
        }
        catch (IllegalStateException ex) {
            // the JVM is already shutting down: this hook is running, and ends the process with the code just set
        }
    }

    @Override
    public void run() {
        if (mainFinished.getCount() == 0) {
            return; // a normal exit: nothing is running any more
        }
        JobExecution execution = context.isActive() ? context.getBean(RunningExecution.class).get().orElse(null) : null;
        if (execution == null) {
            closeQuietly();
            return;
        }
        out.printf("%nStop requested: finishing the withdrawals already sent, then stopping run %d at the next chunk boundary.%n",
                execution.getJobInstanceId());
        try {
            context.getBean(JobOperator.class).stop(execution);
        }
        catch (JobExecutionNotRunningException ex) {
            // it ended on its own meanwhile; the main thread is reporting it
        }
        catch (RuntimeException ex) {
            out.println("The run could not be asked to stop (" + ex.getMessage() + "); ending as a kill would.");
            closeQuietly();
            return;
        }
        try {
            if (mainFinished.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                closeQuietly();
                // The main thread cannot exit the JVM while it shuts down; this hook ends it with the run's code.
                Runtime.getRuntime().halt(exitCode.get());
            }
            out.printf("The run did not stop within %s; ending as a kill would (the next run recovers it).%n", grace);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            context.close();
        }
        catch (RuntimeException ex) {
            // ending anyway
        }
    }
}
