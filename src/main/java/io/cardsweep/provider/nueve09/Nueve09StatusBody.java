package io.cardsweep.provider.nueve09;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code PUT /cards/status}: the card as its withdrawals name it (UUID or sealed PAN), the new status and the
 * caller's location with exactly 5 decimals. The card number may be a sealed PAN, so {@code toString} does not show it.
 */
record Nueve09StatusBody(
        @JsonProperty("card_number") String cardNumber,
        @JsonProperty("status") String status,
        @JsonProperty("latitude") BigDecimal latitude,
        @JsonProperty("longitude") BigDecimal longitude) {

    @Override
    public String toString() {
        return "Nueve09StatusBody[cardNumber=****, status=" + status + ", latitude=" + latitude.toPlainString() + ", longitude="
                + longitude.toPlainString() + "]";
    }
}
