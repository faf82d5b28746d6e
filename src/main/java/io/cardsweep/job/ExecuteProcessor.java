package io.cardsweep.job;

import io.cardsweep.ledger.PendingWithdrawal;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/** The execute step's processor: the exactly-once protocol for one row, within one job execution. */
class ExecuteProcessor implements ItemProcessor<PendingWithdrawal, ExecutedWithdrawal> {

    private final WithdrawalExecutor executor;
    private final long jobExecutionId;

    ExecuteProcessor(WithdrawalExecutor executor, long jobExecutionId) {
        this.executor = executor;
        this.jobExecutionId = jobExecutionId;
    }

    @Override
    public @Nullable ExecutedWithdrawal process(PendingWithdrawal row) throws InterruptedException {
        return executor.execute(row, jobExecutionId);
    }
}
