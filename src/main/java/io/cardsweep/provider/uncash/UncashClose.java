package io.cardsweep.provider.uncash;

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Answer of {@code PATCH /cards/{id}/close}, whose shape Uncash does not document: its success envelope
 * {@code {"success":true,…}}, with {@code data} kept as a node and read liberally for what the close paid out.
 */
record UncashClose(@Nullable Boolean success, @Nullable String message, @Nullable JsonNode data) {

    /**
     * Names a close's payout could go by, most likely first: the withdrawal's own {@code amount_withdrawn}, then the
     * obvious variants. A bare {@code amount} or {@code balance} is not taken: it could as well be the balance left.
     */
    private static final List<String> PAYOUT_FIELDS = List.of("amount_withdrawn", "withdrawn_amount", "refunded_amount", "amount_refunded",
            "refund_amount", "refunded");

    boolean isSuccess() {
        return Boolean.TRUE.equals(success);
    }

    /** What the close withdrew from the card, when the answer names it; null when it does not or the value is not money. */
    @Nullable BigDecimal payout() {
        if (data == null || !data.isObject()) {
            return null;
        }
        for (String field : PAYOUT_FIELDS) {
            JsonNode node = data.get(field);
            if (node != null && node.isNumber()) {
                return node.decimalValue();
            }
            if (node != null && node.isString() && node.asString().strip().matches("[0-9]+(\\.[0-9]+)?")) {
                return new BigDecimal(node.asString().strip());
            }
        }
        return null;
    }
}
