package io.cardsweep.rules;

import java.util.regex.Pattern;

import io.cardsweep.instruction.Instruction;
import io.cardsweep.instruction.InstructionField;
import io.cardsweep.provider.CardMask;

/**
 * Nueve09 knows a card by its UUID or by its 16-digit number (which is sealed before it is sent). Anything else
 * would be answered "card not found" and blamed on the card instead of the file. The shape is checked, not the
 * Luhn digit (as {@code Nueve09CardNumbers.isPan}, which this package may not depend on); the reason quotes the
 * id only masked, since it may be a card number.
 */
final class CardIdIsUuidOrPanRule implements InstructionRule {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final Pattern PAN = Pattern.compile("[0-9]{16}");

    @Override
    public RuleOutcome check(Instruction instruction) {
        String cardId = instruction.cardId();
        if (UUID.matcher(cardId).matches() || PAN.matcher(cardId).matches()) {
            return RuleOutcome.PASS;
        }
        return RuleOutcome.violation(InstructionField.CARD_ID, "CARD_ID_MALFORMED", Shown.quoted(CardMask.mask(cardId))
                + " is neither a UUID nor a 16-digit card number, which " + instruction.provider() + " card ids are");
    }
}
