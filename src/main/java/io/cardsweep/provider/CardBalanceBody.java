package io.cardsweep.provider;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The part of a card answer a balance is read from: {@code data.balance}, as Cartevo's and Uncash's
 * {@code GET /cards/{id}} carry it.
 */
public record CardBalanceBody(@JsonProperty("data") @Nullable Data data) {

    public record Data(@JsonProperty("balance") @Nullable BigDecimal balance) {
    }

    /** The balance of a 200 answer of that shape; otherwise why there is none. */
    public static CardBalances.Reading reading(ProviderHttp http, ProviderAnswer answer) {
        CardBalanceBody body = answer.status() == 200 ? http.read(answer.body(), CardBalanceBody.class) : null;
        if (body == null || body.data() == null || body.data().balance() == null) {
            return CardBalances.Reading.failed("the card read answered HTTP " + answer.status() + " without a balance");
        }
        return CardBalances.Reading.of(body.data().balance());
    }
}
