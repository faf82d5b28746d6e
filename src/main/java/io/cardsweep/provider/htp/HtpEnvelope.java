package io.cardsweep.provider.htp;

import java.math.BigDecimal;

import io.cardsweep.provider.ProviderAnswer;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Every HTP answer: {@code {"trace_id","status_code","message","data"}}. HTP sends most errors as HTTP 200,
 * so {@code status_code}, not the HTTP status, says what happened; {@code data} differs per endpoint.
 */
record HtpEnvelope(
        @JsonProperty("trace_id") @Nullable String traceId,
        @JsonProperty("status_code") @Nullable Integer statusCode,
        @Nullable String message,
        @Nullable JsonNode data) {

    /**
     * The status that decides: HTP's {@code status_code} when the body carries one, else the HTTP status. An HTTP
     * 5xx, 429 or 401 decides by itself, whatever the body says, because a gateway in front of HTP speaks in those.
     */
    static int effectiveStatus(ProviderAnswer answer, @Nullable HtpEnvelope envelope) {
        int http = answer.status();
        if (answer.isServerError() || http == 429 || http == 401) {
            return http;
        }
        return envelope != null && envelope.statusCode() != null ? envelope.statusCode() : http;
    }

    /** HTP's own shape, as opposed to a proxy's or another API's JSON. */
    boolean isEnvelope() {
        return statusCode != null;
    }

    String text() {
        return message == null ? "" : message;
    }

    /** A text field of {@code data}, or null when absent, blank or not text. */
    @Nullable String dataText(String field) {
        JsonNode node = data == null ? null : data.get(field);
        if (node == null || !(node.isString() || node.isNumber())) {
            return null;
        }
        String text = node.asString();
        return text.isBlank() ? null : text;
    }

    /** A money field of {@code data}, sent by HTP as a string ("50.00") or a number; null when absent or unreadable. */
    @Nullable BigDecimal dataMoney(String field) {
        JsonNode node = data == null ? null : data.get(field);
        if (node == null) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        String text = dataText(field);
        if (text == null || !text.strip().matches("-?[0-9]+(\\.[0-9]+)?")) {
            return null;
        }
        return new BigDecimal(text.strip());
    }
}
