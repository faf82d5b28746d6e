package io.cardsweep.sandbox;

import java.math.BigDecimal;

/**
 * The account wallet Uncash credits with every withdrawal. Its running balance is echoed in each success
 * answer, so it lives as long as the sandbox; it starts empty because only withdrawals are simulated.
 */
final class UncashWallet {

    private BigDecimal balance = new BigDecimal("0.00");

    synchronized BigDecimal credit(BigDecimal amount) {
        balance = balance.add(amount);
        return balance;
    }
}
