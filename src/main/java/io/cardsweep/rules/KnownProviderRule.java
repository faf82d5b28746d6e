package io.cardsweep.rules;

import java.util.Arrays;
import java.util.stream.Collectors;

import io.cardsweep.instruction.InstructionField;
import io.cardsweep.instruction.InstructionRow;
import io.cardsweep.provider.ProviderName;

/** The provider column must name one of the providers cardsweep knows, listed so the fix is obvious. */
final class KnownProviderRule implements FieldRule {

    @Override
    public RuleOutcome check(InstructionRow row) {
        String provider = row.value(InstructionField.PROVIDER);
        if (provider == null || ProviderName.fromId(provider).isPresent()) {
            return RuleOutcome.PASS;
        }
        String known = Arrays.stream(ProviderName.values()).map(ProviderName::id).collect(Collectors.joining(", "));
        return RuleOutcome.violation(InstructionField.PROVIDER, "UNKNOWN_PROVIDER",
                Shown.quoted(provider) + " is not one of " + known);
    }
}
