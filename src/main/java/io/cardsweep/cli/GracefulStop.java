package io.cardsweep.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.cardsweep.job.RunningExecution;
import org.jspecify.annotations.Nullable;
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
 * if the main thread could not, and ends the process with the run's exit code. A signal before the job starts stops it
 * as soon as it starts; a run that does not stop within {@code grace} ends the process at once, as a kill would, which
 * the ledger is built to survive.
 */
final class GracefulStop extends Thread {

    private final ConfigurableApplicationContext context;
    private final PrintStream out;
    private final Duration grace;
    private final CountDownLatch mainFinished = new CountDownLatch(1);
    private final AtomicInteger exitCode = new AtomicInteger(ExitCodes.STOPPED);

    /** What a JVM ended by SIGTERM reports (128 + 15), used when the run could not stop in time. */
    private static final int KILLED_BY_SIGTERM = 143;

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
            // A normal exit, or a signal in the moment between the main thread finishing and this hook being removed:
            // either way the run's own code is the one to end with.
            Runtime.getRuntime().halt(exitCode.get());
        }
        long deadline = System.nanoTime() + grace.toNanos();
        boolean asked = false;
        try {
            // The job may not have started yet, may be running, or may have ended with the main thread still reporting:
            // wait for the main thread either way, asking a running job to stop as soon as there is one.
            while (!mainFinished.await(100, TimeUnit.MILLISECONDS)) {
                JobExecution execution = asked ? null : runningExecution();
                if (execution != null) {
                    asked = askToStop(execution);
                }
                if (System.nanoTime() > deadline) {
                    out.printf("The run did not stop within %s; ending as a kill would (the next run of the same command recovers it).%n",
                            grace);
                    Runtime.getRuntime().halt(KILLED_BY_SIGTERM);
                }
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            Runtime.getRuntime().halt(KILLED_BY_SIGTERM);
        }
        closeQuietly(); // the main thread closed it already, unless it failed to
        // The main thread cannot exit the JVM while it shuts down; this hook ends it with the run's code.
        Runtime.getRuntime().halt(exitCode.get());
    }

    /** The execution running now, if any; none once the main thread has begun closing the context. */
    private @Nullable JobExecution runningExecution() {
        try {
            return context.isActive() ? context.getBean(RunningExecution.class).get().orElse(null) : null;
        }
        catch (RuntimeException ex) {
            return null;
        }
    }

    /** True once the job has been asked; false to ask again at the next turn (the request could not be saved). */
    private boolean askToStop(JobExecution execution) {
        out.printf("%nStop requested: finishing the withdrawals already sent, then stopping run %d at the next chunk boundary.%n",
                execution.getJobInstanceId());
        try {
            context.getBean(JobOperator.class).stop(execution);
            return true;
        }
        catch (JobExecutionNotRunningException ex) {
            return true; // it ended on its own meanwhile; the main thread is reporting it
        }
        catch (RuntimeException ex) {
            // e.g. the job saved its execution at the same moment; the job keeps running, so ask again
            out.println("The stop request could not be saved (" + ex.getMessage() + "); asking again.");
            return false;
        }
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
