package io.cardsweep.rules;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import io.cardsweep.instruction.InstructionField;
import io.cardsweep.instruction.InstructionRow;
import io.cardsweep.provider.ProviderName;

/** A known provider this run has no connection for is refused up front rather than failing at execution. */
final class SupportedProviderRule implements FieldRule {

    private final Set<ProviderName> supported;

    SupportedProviderRule(Set<ProviderName> supported) {
        this.supported = supported.isEmpty() ? EnumSet.noneOf(ProviderName.class) : EnumSet.copyOf(supported);
    }

    @Override
    public RuleOutcome check(InstructionRow row) {
        String text = row.value(InstructionField.PROVIDER);
        ProviderName provider = text == null ? null : ProviderName.fromId(text).orElse(null);
        if (provider == null || supported.contains(provider)) {
            return RuleOutcome.PASS;
        }
        String names = supported.isEmpty() ? "none"
                : supported.stream().map(ProviderName::id).collect(Collectors.joining(", "));
        return RuleOutcome.violation(InstructionField.PROVIDER, "PROVIDER_NOT_SUPPORTED",
                Shown.quoted(text) + " is not configured for this run (configured: " + names + ")");
    }
}
