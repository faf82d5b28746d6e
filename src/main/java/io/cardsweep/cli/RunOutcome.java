package io.cardsweep.cli;

import io.cardsweep.ledger.RunSummary;
import org.jspecify.annotations.Nullable;

/**
 * How a run ended, for the summary and the exit code.
 *
 * @param runId the job instance id, null when the run never started
 * @param failure one sentence saying why the run failed, null when it completed
 */
record RunOutcome(@Nullable Long runId, boolean completed, boolean alreadyCompleted, @Nullable RunSummary summary,
        @Nullable String failure, int exitCode) {
}
