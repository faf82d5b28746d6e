package io.cardsweep.cli;

/**
 * Process exit codes, chosen so a scheduler (a CronJob's podFailurePolicy) can tell them apart.
 */
public final class ExitCodes {

    /** The run completed and every instruction is in a final state. */
    public static final int COMPLETED = 0;
    /** The run failed (provider credentials, database, a bug); the same command resumes it. */
    public static final int FAILED = 1;
    /** The command line, the job definition or the input file is wrong; nothing was executed. */
    public static final int USAGE = 2;
    /** The run completed but some instructions need attention: UNKNOWN or DEFERRED. Retrying the pod will not help. */
    public static final int NEEDS_ATTENTION = 3;
    /** Another process is running this same run right now. */
    public static final int ALREADY_RUNNING = 4;
    /** The run stopped on request (SIGTERM) at a chunk boundary, nothing left in flight; the same command resumes it. */
    public static final int STOPPED = 5;

    private ExitCodes() {
    }
}
