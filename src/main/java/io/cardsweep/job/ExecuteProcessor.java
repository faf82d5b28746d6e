package io.cardsweep.job;

import io.cardsweep.ledger.PendingWithdrawal;
import io.cardsweep.progress.ProgressReporter;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * The execute step's processor: the exactly-once protocol for one row, within one job execution. Once the run is asked
 * to stop, rows not yet started are left READY, unsent, for the resumed run: the chunk then ends as soon as the
 * withdrawals already started are recorded, however many rows it holds.
 */
class ExecuteProcessor implements ItemProcessor<PendingWithdrawal, ExecutedWithdrawal> {

    private final WithdrawalExecutor executor;
    private final StepExecution stepExecution;
    private final ProgressReporter progress;

    ExecuteProcessor(WithdrawalExecutor executor, StepExecution stepExecution, ProgressReporter progress) {
        this.executor = executor;
        this.stepExecution = stepExecution;
        this.progress = progress;
    }

    @Override
    public @Nullable ExecutedWithdrawal process(PendingWithdrawal row) throws InterruptedException {
        if (stopRequested()) {
            return null;
        }
        ExecutedWithdrawal executed = executor.execute(row, stepExecution.getJobExecutionId());
        progress.record(row.provider(), executed == null ? null : executed.status().name());
        return executed;
    }

    /**
     * Asked in this process ({@code JobOperator.stop} marks the running execution STOPPING, and its save then STOPPED), or
     * seen at the last chunk's commit.
     */
    private boolean stopRequested() {
        BatchStatus job = stepExecution.getJobExecution().getStatus();
        return job == BatchStatus.STOPPING || job == BatchStatus.STOPPED || stepExecution.isTerminateOnly();
    }
}
