package io.cardsweep.sandbox;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An HTTP request as a simulator sees it: the path below the provider's base path, headers keyed in lower
 * case, the raw body. Keeping the JDK's exchange out of the simulators lets them stay plain functions.
 */
record SandboxRequest(String method, String path, Map<String, String> headers, String body) {

    SandboxRequest {
        headers = Map.copyOf(headers);
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
