package io.cardsweep.job;

import io.cardsweep.ledger.PendingWithdrawal;
import io.cardsweep.progress.ProgressReporter;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/** The execute step's processor: the exactly-once protocol for one row, within one job execution. */
class ExecuteProcessor implements ItemProcessor<PendingWithdrawal, ExecutedWithdrawal> {

    private final WithdrawalExecutor executor;
    private final long jobExecutionId;
    private final ProgressReporter progress;

    ExecuteProcessor(WithdrawalExecutor executor, long jobExecutionId, ProgressReporter progress) {
        this.executor = executor;
        this.jobExecutionId = jobExecutionId;
        this.progress = progress;
    }

    @Override
    public @Nullable ExecutedWithdrawal process(PendingWithdrawal row) throws InterruptedException {
        ExecutedWithdrawal executed = executor.execute(row, jobExecutionId);
        progress.record(row.provider(), executed == null ? null : executed.status().name());
        return executed;
    }
}
