package io.cardsweep.job;

import io.cardsweep.instruction.Screening;
import io.cardsweep.ledger.LedgerLoader;
import io.cardsweep.ledger.RunContext;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** The load step's writer: one chunk of screened rows into the ledger, in the chunk's transaction. */
class LedgerWriter implements ItemWriter<Screening> {

    private final LedgerLoader loader;
    private final RunContext run;

    LedgerWriter(LedgerLoader loader, RunContext run) {
        this.loader = loader;
        this.run = run;
    }

    @Override
    public void write(Chunk<? extends Screening> chunk) {
        loader.load(run, chunk.getItems());
    }
}
