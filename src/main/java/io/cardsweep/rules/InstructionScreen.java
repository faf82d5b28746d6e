package io.cardsweep.rules;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cardsweep.instruction.Instruction;
import io.cardsweep.instruction.InstructionField;
import io.cardsweep.instruction.InstructionRow;
import io.cardsweep.instruction.Screening;
import io.cardsweep.provider.ProviderName;
import org.jspecify.annotations.Nullable;

/**
 * Decides for each row, before any money moves, whether it is an instruction a provider would accept:
 * the common rules on the raw text, then the provider's rule set on the typed instruction. The first
 * violation decides, and its reason is one sentence naming the line, the column and the rule, so an
 * operator can fix the file without reading code.
 */
public final class InstructionScreen {

    /** The name given as the field of a rejection that is about the whole record, not one column. */
    public static final String WHOLE_RECORD = "record";

    private final ScreenSettings settings;
    private final List<FieldRule> commonRules;
    private final Map<ProviderName, ProviderRuleSet> providerRules;

    public InstructionScreen(ScreenSettings settings) {
        this.settings = settings;
        this.commonRules = CommonRules.inOrder(settings);
        this.providerRules = ProviderRuleSets.builtIn(settings);
    }

    /** Screens for the given providers with default currencies and column names. */
    public InstructionScreen(Set<ProviderName> supportedProviders) {
        this(ScreenSettings.of(supportedProviders));
    }

    /**
     * The amounts {@code provider} accepts for one withdrawal: how much of a card's balance an instruction for its
     * whole balance may withdraw.
     */
    public AmountBounds amountBounds(ProviderName provider) {
        ProviderRuleSet ruleSet = providerRules.get(provider);
        if (ruleSet == null) {
            throw new IllegalArgumentException("No rule set for " + provider);
        }
        return ruleSet.amountBounds();
    }

    public Screening screen(InstructionRow row) {
        for (FieldRule rule : commonRules) {
            if (rule.check(row) instanceof RuleOutcome.Violation violation) {
                return rejected(row, violation);
            }
        }
        Instruction instruction = typed(row);
        ProviderRuleSet ruleSet = providerRules.get(instruction.provider());
        if (ruleSet != null) {
            for (InstructionRule rule : ruleSet.rules()) {
                if (rule.check(instruction) instanceof RuleOutcome.Violation violation) {
                    return rejected(row, violation);
                }
            }
        }
        return new Screening.Accepted(instruction);
    }

    /** Only called once the common rules passed, so every required value is present and well-formed. */
    private Instruction typed(InstructionRow row) {
        ProviderName provider = ProviderName.fromId(required(row, InstructionField.PROVIDER)).orElseThrow();
        String currency = row.value(InstructionField.CURRENCY);
        // The common rules let a whole balance through only where the job sweeps them.
        boolean fullBalance = Amounts.isFullBalance(row.value(InstructionField.AMOUNT));
        @Nullable BigDecimal latitude = decimal(row.value(InstructionField.LATITUDE));
        @Nullable BigDecimal longitude = decimal(row.value(InstructionField.LONGITUDE));
        ScreenSettings.@Nullable Location fallback = settings.defaultLocation();
        if (provider == ProviderName.NUEVE09 && latitude == null && longitude == null && fallback != null) {
            // Only a row with neither coordinate takes the default; half a location is the rules' to refuse.
            latitude = fallback.latitude();
            longitude = fallback.longitude();
        }
        return new Instruction(
                row.line(),
                required(row, InstructionField.INSTRUCTION_ID),
                provider,
                required(row, InstructionField.CARD_ID),
                fullBalance ? null : new BigDecimal(required(row, InstructionField.AMOUNT)),
                currency != null ? currency : settings.providerCurrencies().get(provider),
                row.value(InstructionField.REFERENCE),
                row.value(InstructionField.WALLET_ADDRESS),
                row.value(InstructionField.NETWORK),
                latitude,
                longitude);
    }

    private Screening.Rejected rejected(InstructionRow row, RuleOutcome.Violation violation) {
        InstructionField field = violation.field();
        String column = field == null ? WHOLE_RECORD : settings.columns().columnOf(field);
        String subject = field == null ? "" : column + " ";
        return new Screening.Rejected(row, column, violation.code(), "line " + row.line() + ": " + subject + violation.rule());
    }

    private static String required(InstructionRow row, InstructionField field) {
        String value = row.value(field);
        if (value == null) {
            throw new IllegalStateException("The common rules let a row without " + field.column() + " through.");
        }
        return value;
    }

    private static @Nullable BigDecimal decimal(@Nullable String text) {
        return text == null ? null : new BigDecimal(text);
    }
}
