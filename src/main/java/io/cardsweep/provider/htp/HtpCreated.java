package io.cardsweep.provider.htp;

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * HTP accepted a withdrawal: what its create answer said, kept to build the outcome once the status settles.
 *
 * @param transactionId HTP's withdrawal id, else the answer's trace id (HTP documents no id field)
 * @param withdrawalId HTP's withdrawal id only, to recognise its status among the card's withdrawals
 * @param status the status the create answer already gave, if any (HTP executes synchronously, so it may be final)
 */
record HtpCreated(@Nullable String transactionId, @Nullable String withdrawalId, @Nullable BigDecimal amount, @Nullable BigDecimal fee,
        @Nullable String status) {

    /** The id fields an HTP withdrawal has been seen or is likely to carry, in order of preference. */
    private static final List<String> ID_FIELDS = List.of("id", "withdrawal_id", "uuid", "transaction_id");

    static HtpCreated from(HtpEnvelope envelope) {
        return new HtpCreated(transactionId(envelope), withdrawalId(envelope), envelope.dataMoney("amount"), envelope.dataMoney("fee"),
                envelope.dataText("status"));
    }

    static @Nullable String transactionId(HtpEnvelope envelope) {
        String id = withdrawalId(envelope);
        if (id != null) {
            return id;
        }
        return envelope.traceId() == null || envelope.traceId().isBlank() ? null : envelope.traceId();
    }

    /** The withdrawal's own id, when HTP gives one (never the trace id, which names the request, not the withdrawal). */
    static @Nullable String withdrawalId(@Nullable HtpEnvelope envelope) {
        if (envelope == null) {
            return null;
        }
        for (String field : ID_FIELDS) {
            String id = envelope.dataText(field);
            if (id != null) {
                return id;
            }
        }
        return null;
    }
}
