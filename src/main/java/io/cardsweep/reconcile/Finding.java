package io.cardsweep.reconcile;

import io.cardsweep.ledger.WithdrawalStatus;
import io.cardsweep.reconcile.ReconcileLedger.Doubt;
import org.jspecify.annotations.Nullable;

/**
 * What reconciliation made of one withdrawal: settled from the provider's own record, a proposal for an operator to
 * confirm with {@code cardsweep resolve}, or left as it was — always with the evidence in one sentence.
 *
 * @param to the state it was settled in (RESOLVED, CONFIRMED) or that is proposed (PROPOSED); null when LEFT
 */
public record Finding(Doubt doubt, Action action, @Nullable WithdrawalStatus to, String evidence) {

    public enum Action {
        /** Settled: the provider's record says what happened. */
        RESOLVED,
        /** Already SUCCEEDED; the provider's record filled in its transaction id, fee and net amount. */
        CONFIRMED,
        /** The provider's record points one way, but only an operator may settle it. */
        PROPOSED,
        /** Nothing to go by, or the record is ambiguous: still in doubt. */
        LEFT
    }

    static Finding resolved(Doubt doubt, WithdrawalStatus to, String evidence) {
        return new Finding(doubt, Action.RESOLVED, to, evidence);
    }

    static Finding proposed(Doubt doubt, WithdrawalStatus to, String evidence) {
        return new Finding(doubt, Action.PROPOSED, to, evidence);
    }

    static Finding left(Doubt doubt, String why) {
        return new Finding(doubt, Action.LEFT, null, why);
    }

    /** The command an operator runs to accept a proposal. */
    String resolveCommand() {
        if (action != Action.PROPOSED || to == null) {
            return "";
        }
        return "./cardsweep resolve " + doubt.jobName() + " " + doubt.instructionId() + " --as " + to.name().toLowerCase(java.util.Locale.ROOT)
                + " --note \"" + evidence.replace("\"", "'") + "\"";
    }
}
