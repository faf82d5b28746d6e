package io.cardsweep.rules;

import java.util.regex.Pattern;

import io.cardsweep.instruction.Instruction;
import io.cardsweep.instruction.InstructionField;
import io.cardsweep.provider.CardMask;

/**
 * Plu addresses cards by service id, {@code {slug}-card-{uid}} such as {@code acme-card-xyz789jkl012mno}. A UUID
 * or a card number in that column is a file mix-up; refused here, since Plu would answer 404 "card not found"
 * and the report would blame the card instead of the file.
 */
final class PluCardIdRule implements InstructionRule {

    private static final Pattern SERVICE_CARD_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*-card-[a-z0-9]+");

    @Override
    public RuleOutcome check(Instruction instruction) {
        if (SERVICE_CARD_ID.matcher(instruction.cardId()).matches()) {
            return RuleOutcome.PASS;
        }
        return RuleOutcome.violation(InstructionField.CARD_ID, "CARD_ID_MALFORMED", Shown.quoted(CardMask.mask(instruction.cardId()))
                + " is not a service card id such as acme-card-xyz789jkl012mno, which " + instruction.provider() + " card ids are");
    }
}
