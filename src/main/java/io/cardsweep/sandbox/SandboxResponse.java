package io.cardsweep.sandbox;

import java.util.Map;

/** A status, a body that the router writes as JSON, and headers some providers answer with (Nueve09's token). */
record SandboxResponse(int status, Object body, Map<String, String> headers) {

    SandboxResponse {
        headers = Map.copyOf(headers);
    }

    SandboxResponse(int status, Object body) {
        this(status, body, Map.of());
    }

    SandboxResponse withHeader(String name, String value) {
        Map<String, String> more = new java.util.HashMap<>(headers);
        more.put(name, value);
        return new SandboxResponse(status, body, more);
    }
}
