package io.cardsweep.provider.nueve09;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/** Nueve09's answer to {@code GET /cards/balance}: the envelope, with the card's balance as {@code data.available}. */
record Nueve09BalanceAnswer(@Nullable Boolean success, @Nullable Integer code, @Nullable String message, @Nullable Data data) {

    record Data(@Nullable BigDecimal available) {
    }

    @Nullable BigDecimal available() {
        return Boolean.TRUE.equals(success) && code != null && code == 0 && data != null ? data.available() : null;
    }
}
