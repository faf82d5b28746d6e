package io.cardsweep.provider.cartevo;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Error envelope {@code {"success":false,"statusCode":400,"message":…,"error":"Bad Request"}}.
 * {@code message} is kept as a node because validation errors may send a list of texts instead of one.
 */
record CartevoError(@Nullable Boolean success, @Nullable Integer statusCode, @Nullable JsonNode message, @Nullable String error) {

    /** True when the body is the documented envelope rather than, say, a proxy's error page. */
    boolean isEnvelope() {
        return Boolean.FALSE.equals(success) && message != null;
    }

    /** All message texts joined, empty when there is none. */
    String text() {
        if (message == null || message.isNull()) {
            return "";
        }
        if (message.isArray()) {
            List<String> parts = new ArrayList<>();
            message.forEach(part -> parts.add(part.asString()));
            return String.join("; ", parts);
        }
        return message.isString() ? message.asString() : message.toString();
    }
}
