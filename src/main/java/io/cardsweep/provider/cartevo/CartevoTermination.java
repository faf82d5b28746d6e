package io.cardsweep.provider.cartevo;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/** Success envelope of {@code POST /cards/{id}/terminate}: {@code {"success","statusCode","message","data":{…}}}. */
record CartevoTermination(@Nullable Boolean success, @Nullable Data data) {

    record Data(
            @JsonProperty("card_id") @Nullable String cardId,
            @JsonProperty("card_status") @Nullable String cardStatus,
            @JsonProperty("refund_processed") @Nullable Boolean refundProcessed,
            @JsonProperty("balance_before_termination") @Nullable BigDecimal balanceBeforeTermination) {
    }

    /** The documented shape: success true and the card now TERMINATED; anything less cannot be recorded as a termination. */
    boolean isComplete() {
        return Boolean.TRUE.equals(success) && data != null && "TERMINATED".equalsIgnoreCase(data.cardStatus());
    }

    /** What the termination refunded: the balance it found, when Cartevo says it processed the refund; else unknown. */
    @Nullable BigDecimal refunded() {
        return data != null && Boolean.TRUE.equals(data.refundProcessed()) ? data.balanceBeforeTermination() : null;
    }
}
