package io.cardsweep.rules;

import java.util.List;

import io.cardsweep.instruction.InstructionField;

/** The rules every instruction passes, whatever its provider, in the order they are checked. */
final class CommonRules {

    private CommonRules() {
    }

    static List<FieldRule> inOrder(ScreenSettings settings) {
        return List.of(
                new WellFormedRecordRule(),
                new RecordShapeRule(),
                new RequiredValueRule(InstructionField.INSTRUCTION_ID),
                new RequiredValueRule(InstructionField.PROVIDER),
                new RequiredValueRule(InstructionField.CARD_ID),
                new AmountGivenRule(settings.fullBalances()),
                new InstructionIdRule(),
                new PrintableTextRule(InstructionField.CARD_ID),
                new KnownProviderRule(),
                new SupportedProviderRule(settings.supportedProviders()),
                new AmountFormatRule(),
                new PositiveAmountRule(),
                new AmountDecimalsRule(),
                new AmountCeilingRule(),
                new CurrencyRule(settings.providerCurrencies()),
                new ReferenceLengthRule(),
                new PrintableTextRule(InstructionField.REFERENCE),
                new CoordinateRule(InstructionField.LATITUDE),
                new CoordinateRule(InstructionField.LONGITUDE));
    }
}
