package io.cardsweep.provider;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * A provider whose cards' balances can be read: for an instruction to withdraw a card's whole balance, and for
 * reconciliation. Without idempotency or a status lookup, a card's balance is the only record of the provider's that
 * tells whether a withdrawal whose answer never came was executed: unless {@link #readBeforeEachWithdrawal()} says
 * otherwise, the balance is read before each withdrawal and kept in the ledger, and reconciliation compares it with the
 * balance then.
 */
public interface CardBalances {

    /**
     * Reads the card's balance; a read executes nothing, so a failed one only means "no balance".
     *
     * @param cardId the provider's card id
     * @param sealedCardNumber the card's number encrypted for the provider, for a card addressed by number (Nueve09); else null
     * @throws ProviderFatalException when the provider refuses the credentials
     */
    Reading balance(String cardId, @Nullable String sealedCardNumber);

    /**
     * Whether the balance is read before each withdrawal, to be kept in the ledger for reconciliation. True for a provider
     * whose balance is its only record of a withdrawal in doubt; a provider with a better record, or whose request budget
     * cannot pay for a read per withdrawal, says false and has its balance read only where an instruction needs it (a
     * full-balance withdrawal).
     */
    default boolean readBeforeEachWithdrawal() {
        return true;
    }

    /**
     * A balance, or why there is none.
     *
     * @param balance the card's balance, null when it could not be read
     * @param problem why it could not be read, empty when it was
     */
    record Reading(@Nullable BigDecimal balance, String problem) {

        public static Reading of(BigDecimal balance) {
            return new Reading(balance, "");
        }

        public static Reading failed(String problem) {
            return new Reading(null, problem);
        }
    }
}
