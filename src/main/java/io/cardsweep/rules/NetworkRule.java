package io.cardsweep.rules;

import io.cardsweep.instruction.Instruction;
import io.cardsweep.instruction.InstructionField;

/** An HTP withdrawal names its network, TRC20 or ERC20; HTP has no default, and the wallet format depends on it. */
final class NetworkRule implements InstructionRule {

    @Override
    public RuleOutcome check(Instruction instruction) {
        String network = instruction.network();
        if (network == null) {
            return RuleOutcome.violation(InstructionField.NETWORK, "MISSING_VALUE",
                    "is missing, and " + instruction.provider() + " withdrawals need TRC20 or ERC20");
        }
        if (BlockchainNetwork.of(network).isEmpty()) {
            return RuleOutcome.violation(InstructionField.NETWORK, "NETWORK_NOT_SUPPORTED",
                    Shown.quoted(network) + " is not TRC20 or ERC20, the networks " + instruction.provider() + " pays out on");
        }
        return RuleOutcome.PASS;
    }
}
