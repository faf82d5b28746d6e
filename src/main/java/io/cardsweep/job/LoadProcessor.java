package io.cardsweep.job;

import io.cardsweep.instruction.CardNumberProtection;
import io.cardsweep.instruction.InstructionRow;
import io.cardsweep.instruction.Screening;
import io.cardsweep.rules.InstructionScreen;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/** The load step's processor: the rules decide, then a card number is sealed before anything keeps it. */
class LoadProcessor implements ItemProcessor<InstructionRow, Screening> {

    private final InstructionScreen screen;
    private final CardNumberProtection protection;

    LoadProcessor(InstructionScreen screen, CardNumberProtection protection) {
        this.screen = screen;
        this.protection = protection;
    }

    @Override
    public Screening process(InstructionRow row) {
        return protection.protect(screen.screen(row));
    }
}
