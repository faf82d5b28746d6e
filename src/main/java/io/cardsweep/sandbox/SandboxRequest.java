package io.cardsweep.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An HTTP request as a simulator sees it: the path below the provider's base path, headers keyed in lower
 * case, the raw body, the raw query (Nueve09's balance read takes its card there). Keeping the JDK's exchange
 * out of the simulators lets them stay plain functions.
 */
record SandboxRequest(String method, String path, Map<String, String> headers, String body, @Nullable String query) {

    SandboxRequest {
        headers = Map.copyOf(headers);
    }

    SandboxRequest(String method, String path, Map<String, String> headers, String body) {
        this(method, path, headers, body, null);
    }

    /** The first value of a query parameter, decoded; null when absent. */
    @Nullable String queryParameter(String name) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Nullable String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** Path segments without empty parts: {@code /cards/42/withdraw} → {@code [cards, 42, withdraw]}. */
    List<String> segments() {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    boolean is(String wantedMethod, int segmentCount) {
        return method.equals(wantedMethod) && segments().size() == segmentCount;
    }
}
