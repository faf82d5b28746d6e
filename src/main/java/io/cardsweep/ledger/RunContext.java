package io.cardsweep.ledger;

/**
 * Which run a ledger write belongs to.
 *
 * @param runId the Spring Batch job instance id: a restart keeps it, a new input or definition gets a new one
 * @param jobExecutionId the attempt, recorded on every event
 * @param jobName the job definition's name, the first half of every instruction key
 * @param terminates whether the job terminates the cards it withdraws from: then each instruction loaded asks for it
 */
public record RunContext(long runId, long jobExecutionId, String jobName, boolean terminates) {

    public RunContext(long runId, long jobExecutionId, String jobName) {
        this(runId, jobExecutionId, jobName, false);
    }
}
