package io.cardsweep.provider;

/**
 * Encrypts a card number for the one provider that can read it (Nueve09: RSA with its public key), so the
 * number can be kept until it is sent without ever being kept in clear.
 */
@FunctionalInterface
public interface CardNumberSealer {

    String seal(String cardNumber);
}
