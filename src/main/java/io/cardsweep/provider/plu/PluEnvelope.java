package io.cardsweep.provider.plu;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Plu's one body shape: {@code {"status":"success"|"error","message":…,"data":{…}}}. On errors {@code message}
 * is the machine code ({@code CARD_NOT_FOUND}) and {@code data.error} the human text; {@code data} is kept as
 * a node because its content differs per answer and a success carries none.
 */
record PluEnvelope(@Nullable String status, @Nullable String message, @Nullable JsonNode data) {

    /** The documented success: status "success" and a {@code data} object (empty; Plu returns no transaction id). */
    boolean isSuccess() {
        return "success".equals(status) && data != null && data.isObject();
    }

    /** Plu's success status, whatever {@code data} holds: what a termination, whose answer is not documented further, is read by. */
    boolean saysSuccess() {
        return "success".equals(status);
    }

    /** Plu's own error shape, as opposed to a proxy's or a web server's page. */
    boolean isError() {
        return "error".equals(status) && message != null && !message.isBlank();
    }

    /** The error code, empty when there is none. */
    String code() {
        return message == null ? "" : message.strip();
    }

    /** The human text in {@code data.error}, empty when absent or not text. */
    String errorText() {
        if (data == null || !data.isObject()) {
            return "";
        }
        JsonNode error = data.path("error");
        if (error.isString()) {
            return error.asString();
        }
        return error.isMissingNode() || error.isNull() ? "" : error.toString();
    }
}
