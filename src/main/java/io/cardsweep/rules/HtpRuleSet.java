package io.cardsweep.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.cardsweep.provider.ProviderName;

/**
 * HTP: card ids are UUIDs, every withdrawal goes to a wallet on TRC20 or ERC20 in that network's address format,
 * and the amount must exceed HTP's fee (PROVIDERS.md). HTP refuses each of these only after a request that
 * counts against its 60 a minute, so they are refused here.
 */
final class HtpRuleSet implements ProviderRuleSet {

    private final BigDecimal fee;

    HtpRuleSet(BigDecimal fee) {
        this.fee = fee;
    }

    @Override
    public ProviderName forProvider() {
        return ProviderName.HTP;
    }

    @Override
    public List<InstructionRule> rules() {
        List<InstructionRule> rules = new ArrayList<>(List.of(new CardIdIsUuidRule(), new NetworkRule(), new WalletAddressRule()));
        rules.addAll(amountBounds().rules());
        return rules;
    }

    @Override
    public AmountBounds amountBounds() {
        return new AmountBounds(AmountBounds.ONE_CENT, fee, null);
    }
}
