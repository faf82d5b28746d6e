package io.cardsweep.ledger;

/** The states of a withdrawal in the ledger (DESIGN.md, "Outcome states"). */
public enum WithdrawalStatus {

    /** Loaded, passed the rules, not yet sent. */
    READY,
    /** Claimed and committed before the provider call; left behind only by a crash. */
    IN_FLIGHT,
    SUCCEEDED,
    DECLINED,
    /** Refused by our own rules before any call. */
    REJECTED,
    /** Its instruction key was loaded by an earlier run; never executed again. */
    DUPLICATE,
    /** Cooldown or rate limit: try again after {@code not_before}. */
    DEFERRED,
    /** May have executed; never re-sent, resolved by lookup or an operator. */
    UNKNOWN,
    /** Retries exhausted on errors that provably did not execute. */
    FAILED,
    /** Asked for the card's whole balance, which was below the provider's smallest withdrawal: nothing sent. */
    NOTHING_TO_RECLAIM,
    /**
     * Asked for the whole balance of a card whose provider cannot tell it (Plu): nothing withdrawn, the balance goes to
     * the wallet when the card is terminated.
     */
    BY_TERMINATION;

    /** Whether nothing more will happen to it without a person (or a later run) acting. */
    public boolean isTerminal() {
        return switch (this) {
            case SUCCEEDED, DECLINED, REJECTED, DUPLICATE, FAILED, NOTHING_TO_RECLAIM, BY_TERMINATION -> true;
            case READY, IN_FLIGHT, DEFERRED, UNKNOWN -> false;
        };
    }
}
