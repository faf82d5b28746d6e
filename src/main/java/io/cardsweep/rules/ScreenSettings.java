package io.cardsweep.rules;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import io.cardsweep.instruction.ColumnMapping;
import io.cardsweep.provider.ProviderName;
import org.jspecify.annotations.Nullable;

/**
 * What screening depends on besides the row: which providers this run can call, each provider's currency
 * (USD, Nueve09 MXN, unless configured), and the column mapping, so reasons name columns as the file does.
 *
 * @param supportedProviders providers with an adapter enabled; instructions for others are rejected
 * @param providerCurrencies the currency of each provider's cards; missing entries take the default
 * @param columns how fields map to columns in the source
 * @param htpFee HTP's withdrawal fee: an HTP amount must exceed it
 * @param defaultLocation where Nueve09 withdrawals say they come from when a row gives no coordinates; null: rows must
 * @param fullBalances whether an empty amount, or {@code ALL}, asks for the card's whole balance (else it is refused)
 * @param terminates whether the job terminates the cards it withdraws from
 */
public record ScreenSettings(Set<ProviderName> supportedProviders, Map<ProviderName, String> providerCurrencies,
        ColumnMapping columns, BigDecimal htpFee, @Nullable Location defaultLocation, boolean fullBalances, boolean terminates) {

    /** A point as Nueve09 wants it: latitude −90..90, longitude −180..180, 5 decimals. */
    public record Location(BigDecimal latitude, BigDecimal longitude) {
    }

    public ScreenSettings {
        supportedProviders = Collections.unmodifiableSet(supportedProviders.isEmpty()
                ? EnumSet.noneOf(ProviderName.class) : EnumSet.copyOf(supportedProviders));
        EnumMap<ProviderName, String> currencies = new EnumMap<>(ProviderName.class);
        for (ProviderName provider : ProviderName.values()) {
            currencies.put(provider, provider == ProviderName.NUEVE09 ? "MXN" : "USD");
        }
        currencies.putAll(providerCurrencies);
        currencies.forEach((provider, currency) -> {
            if (!currency.matches("[A-Z]{3}")) {
                throw new IllegalArgumentException("The currency of " + provider + " must be 3 upper-case letters, not '" + currency + "'.");
            }
        });
        providerCurrencies = Collections.unmodifiableMap(currencies);
    }

    /** Default currencies and column names for the given providers. */
    public static ScreenSettings of(Set<ProviderName> supportedProviders) {
        return new ScreenSettings(supportedProviders, Map.of(), ColumnMapping.defaults(), BigDecimal.ZERO, null, false, false);
    }

    public ScreenSettings withColumns(ColumnMapping columns) {
        return new ScreenSettings(supportedProviders, providerCurrencies, columns, htpFee, defaultLocation, fullBalances, terminates);
    }

    public ScreenSettings withCurrency(ProviderName provider, String currency) {
        EnumMap<ProviderName, String> currencies = new EnumMap<>(providerCurrencies);
        currencies.put(provider, currency);
        return new ScreenSettings(supportedProviders, currencies, columns, htpFee, defaultLocation, fullBalances, terminates);
    }

    public ScreenSettings withHtpFee(BigDecimal fee) {
        return new ScreenSettings(supportedProviders, providerCurrencies, columns, fee, defaultLocation, fullBalances, terminates);
    }

    public ScreenSettings withDefaultLocation(@Nullable Location location) {
        return new ScreenSettings(supportedProviders, providerCurrencies, columns, htpFee, location, fullBalances, terminates);
    }

    /** Whether an empty amount or {@code ALL} asks for the whole balance, and whether the job terminates its cards. */
    public ScreenSettings withSweep(boolean newFullBalances, boolean newTerminates) {
        return new ScreenSettings(supportedProviders, providerCurrencies, columns, htpFee, defaultLocation, newFullBalances, newTerminates);
    }
}
