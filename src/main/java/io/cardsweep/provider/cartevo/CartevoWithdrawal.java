package io.cardsweep.provider.cartevo;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/** Success envelope of a withdrawal: {@code {"success","statusCode","message","data":{…}}}. */
record CartevoWithdrawal(@Nullable Boolean success, @Nullable Integer statusCode, @Nullable String message, @Nullable Data data) {

    /** {@code amount} is what reached the wallet, after {@code fee_amount}. */
    record Data(
            @JsonProperty("transaction_id") @Nullable String transactionId,
            @JsonProperty("card_id") @Nullable String cardId,
            @Nullable BigDecimal amount,
            @Nullable String currency,
            @JsonProperty("fee_amount") @Nullable BigDecimal feeAmount,
            @JsonProperty("card_balance_before") @Nullable BigDecimal cardBalanceBefore,
            @JsonProperty("card_balance_after") @Nullable BigDecimal cardBalanceAfter) {
    }

    /** The documented shape: success true and a transaction id; anything less cannot be recorded as a success. */
    boolean isComplete() {
        return Boolean.TRUE.equals(success) && data != null && data.transactionId() != null && !data.transactionId().isBlank();
    }
}
