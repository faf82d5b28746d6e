package io.cardsweep.provider.nueve09;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code POST /cards/withdrawal}: amount and coordinates as plain JSON numbers, coordinates with exactly
 * 5 decimals. There is deliberately no {@code pin}: cardsweep never handles PINs. The card number may be a
 * sealed PAN, so {@code toString} does not show it.
 */
record Nueve09WithdrawBody(
        @JsonProperty("card_number") String cardNumber,
        @JsonProperty("amount") BigDecimal amount,
        @JsonProperty("latitude") BigDecimal latitude,
        @JsonProperty("longitude") BigDecimal longitude) {

    @Override
    public String toString() {
        return "Nueve09WithdrawBody[cardNumber=****, amount=" + amount.toPlainString() + ", latitude=" + latitude.toPlainString()
                + ", longitude=" + longitude.toPlainString() + "]";
    }
}
