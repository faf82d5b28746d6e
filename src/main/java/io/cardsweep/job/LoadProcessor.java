package io.cardsweep.job;

import io.cardsweep.instruction.CardNumberProtection;
import io.cardsweep.instruction.InstructionField;
import io.cardsweep.instruction.InstructionRow;
import io.cardsweep.instruction.Screening;
import io.cardsweep.rules.InstructionScreen;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * The load step's processor: a shard keeps only its own rows, the rules decide, then a card number is sealed
 * before anything keeps it.
 */
class LoadProcessor implements ItemProcessor<InstructionRow, Screening> {

    private final InstructionScreen screen;
    private final CardNumberProtection protection;
    private final Shard shard;

    LoadProcessor(InstructionScreen screen, CardNumberProtection protection, Shard shard) {
        this.screen = screen;
        this.protection = protection;
        this.shard = shard;
    }

    @Override
    public @Nullable Screening process(InstructionRow row) {
        if (!shard.takes(row.value(InstructionField.CARD_ID))) {
            return null;
        }
        return protection.protect(screen.screen(row));
    }
}
