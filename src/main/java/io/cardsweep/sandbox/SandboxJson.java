package io.cardsweep.sandbox;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * The one JSON mapper of the sandbox. Amounts must survive the round trip exactly, so floats are read as
 * {@code BigDecimal} (trailing zeros kept) and written plain, never as {@code 1E+1}. Provider bodies are
 * snake_case, so that is the default; the rare camelCase field says so itself.
 */
final class SandboxJson {

    private SandboxJson() {
    }

    static JsonMapper mapper() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .build();
    }

    /**
     * An empty body reads as a missing node, so handlers treat "no body" like "no fields"; malformed JSON is
     * empty, for the simulator to answer in its provider's own error shape.
     */
    static Optional<JsonNode> readBody(JsonMapper json, String body) {
        try {
            return Optional.of(body.isBlank() ? MissingNode.getInstance() : json.readTree(body));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /** A text field that a caller may send (e.g. a {@code reference}), or null when absent or not text. */
    static @Nullable String optionalText(JsonNode body, String field) {
        JsonNode node = body.path(field);
        return node.isString() ? node.stringValue() : null;
    }
}
