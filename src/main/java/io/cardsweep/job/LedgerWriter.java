package io.cardsweep.job;

import java.util.List;

import io.cardsweep.instruction.Screening;
import io.cardsweep.ledger.LedgerLoader;
import io.cardsweep.ledger.RunContext;
import io.cardsweep.metrics.WithdrawalMeters;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The load step's writer: one chunk of screened rows into the ledger, in the chunk's transaction. The rows it refused
 * are counted once that transaction has committed: a chunk rolled back (and read again on restart) is counted once.
 */
class LedgerWriter implements ItemWriter<Screening> {

    private final LedgerLoader loader;
    private final RunContext run;
    private final WithdrawalMeters outcomes;

    LedgerWriter(LedgerLoader loader, RunContext run, WithdrawalMeters outcomes) {
        this.loader = loader;
        this.run = run;
        this.outcomes = outcomes;
    }

    @Override
    public void write(Chunk<? extends Screening> chunk) {
        List<LedgerLoader.Refused> refused = loader.load(run, chunk.getItems());
        if (refused.isEmpty()) {
            return;
        }
        Runnable count = () -> refused.forEach(row -> outcomes.refused(row.provider(), row.status()));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    count.run();
                }
            });
        }
        else {
            count.run();
        }
    }
}
