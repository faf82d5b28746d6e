package io.cardsweep.rules;

import io.cardsweep.instruction.Instruction;
import io.cardsweep.instruction.InstructionField;

/**
 * The destination wallet must be an address of the instruction's network. Without a known network there is no format to hold it to ({@link NetworkRule} reports that): a
 * blockchain transfer to a mistyped address cannot be called back, so only the shape HTP would accept goes out.
 */
final class WalletAddressRule implements InstructionRule {

    @Override
    public RuleOutcome check(Instruction instruction) {
        String wallet = instruction.walletAddress();
        if (wallet == null) {
            return RuleOutcome.violation(InstructionField.WALLET_ADDRESS, "MISSING_VALUE",
                    "is missing, and " + instruction.provider() + " withdrawals need the wallet to pay to");
        }
        BlockchainNetwork network = BlockchainNetwork.of(instruction.network() == null ? "" : instruction.network()).orElse(null);
        if (network != null && !network.isAddress(wallet)) {
            return RuleOutcome.violation(InstructionField.WALLET_ADDRESS, "WALLET_ADDRESS_INVALID",
                    Shown.quoted(wallet) + " is not a valid " + network + " address (" + network.addressFormat() + ")");
        }
        return RuleOutcome.PASS;
    }
}
