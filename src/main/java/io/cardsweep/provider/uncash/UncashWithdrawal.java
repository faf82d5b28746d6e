package io.cardsweep.provider.uncash;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/** Success body {@code {"success":true,"data":{…}}}. */
record UncashWithdrawal(@Nullable Boolean success, @Nullable Data data) {

    /** Older Uncash docs name the new card balance {@code new_balance}; both are read. */
    record Data(
            @JsonProperty("card_id") @Nullable String cardId,
            @JsonProperty("transaction_id") @Nullable String transactionId,
            @JsonProperty("invoice_id") @Nullable String invoiceId,
            @JsonProperty("wallet_balance") @Nullable BigDecimal walletBalance,
            @JsonProperty("new_card_balance") @Nullable BigDecimal newCardBalance,
            @JsonProperty("new_balance") @Nullable BigDecimal newBalance,
            @JsonProperty("amount_withdrawn") @Nullable BigDecimal amountWithdrawn) {

        @Nullable BigDecimal cardBalanceAfter() {
            return newCardBalance != null ? newCardBalance : newBalance;
        }

        /** Uncash does not send it; derived when both parts are known, since no fee is documented. */
        @Nullable BigDecimal cardBalanceBefore() {
            BigDecimal after = cardBalanceAfter();
            return after == null || amountWithdrawn == null ? null : after.add(amountWithdrawn);
        }
    }

    boolean isComplete() {
        return Boolean.TRUE.equals(success) && data != null && data.transactionId() != null && !data.transactionId().isBlank();
    }
}
