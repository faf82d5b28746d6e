package io.cardsweep.rules;

import java.util.Map;
import java.util.regex.Pattern;

import io.cardsweep.instruction.InstructionField;
import io.cardsweep.instruction.InstructionRow;
import io.cardsweep.provider.ProviderName;

/**
 * The currency may be left out (the provider's own is meant); when given it must be the provider's, since no
 * provider here converts and a sum in the wrong currency would be off by the exchange rate.
 */
final class CurrencyRule implements FieldRule {

    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

    private final Map<ProviderName, String> currencies;

    CurrencyRule(Map<ProviderName, String> currencies) {
        this.currencies = Map.copyOf(currencies);
    }

    @Override
    public RuleOutcome check(InstructionRow row) {
        String currency = row.value(InstructionField.CURRENCY);
        if (currency == null) {
            return RuleOutcome.PASS;
        }
        if (!CODE.matcher(currency).matches()) {
            return RuleOutcome.violation(InstructionField.CURRENCY, "CURRENCY_INVALID",
                    Shown.quoted(currency) + " is not a currency code of 3 upper-case letters such as USD");
        }
        String providerText = row.value(InstructionField.PROVIDER);
        ProviderName provider = providerText == null ? null : ProviderName.fromId(providerText).orElse(null);
        String expected = provider == null ? null : currencies.get(provider);
        if (expected == null || expected.equals(currency)) {
            return RuleOutcome.PASS;
        }
        return RuleOutcome.violation(InstructionField.CURRENCY, "CURRENCY_NOT_SUPPORTED",
                Shown.quoted(currency) + " is not the currency of " + provider + " cards, which is " + expected);
    }
}
