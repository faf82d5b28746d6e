package io.cardsweep.instruction;

import java.util.Objects;

/**
 * A card number as the ledger may keep it: masked for people, a keyed hash to recognise the same card
 * again, and the number sealed with the provider's public key, which only the provider can open.
 * The clear number never leaves the load step's memory.
 */
public record ProtectedCard(String masked, String hash, String sealed) {

    public ProtectedCard {
        Objects.requireNonNull(masked, "masked");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(sealed, "sealed");
    }

    /** Never the sealed number, although only the provider could open it. */
    @Override
    public String toString() {
        return "ProtectedCard[" + masked + "]";
    }
}
