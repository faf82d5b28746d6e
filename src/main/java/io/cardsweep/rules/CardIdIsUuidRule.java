package io.cardsweep.rules;

import java.util.regex.Pattern;

import io.cardsweep.instruction.Instruction;
import io.cardsweep.instruction.InstructionField;
import io.cardsweep.provider.CardMask;

/**
 * For providers whose card ids are UUIDs: a malformed id is refused here, because the provider would
 * answer 404 "card not found" and the report would blame the card instead of the file. Canonical form only
 * ({@code java.util.UUID.fromString} accepts {@code 1-1-1-1-1}).
 */
final class CardIdIsUuidRule implements InstructionRule {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @Override
    public RuleOutcome check(Instruction instruction) {
        if (UUID.matcher(instruction.cardId()).matches()) {
            return RuleOutcome.PASS;
        }
        return RuleOutcome.violation(InstructionField.CARD_ID, "CARD_ID_MALFORMED",
                Shown.quoted(CardMask.mask(instruction.cardId())) + " is not a UUID, which " + instruction.provider() + " card ids are");
    }
}
