package io.cardsweep.ledger;

/**
 * Which run a ledger write belongs to.
 *
 * @param runId the Spring Batch job instance id: a restart keeps it, a new input or definition gets a new one
 * @param jobExecutionId the attempt, recorded on every event
 * @param jobName the job definition's name, the first half of every instruction key
 */
public record RunContext(long runId, long jobExecutionId, String jobName) {
}
