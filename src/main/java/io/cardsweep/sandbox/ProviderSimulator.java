package io.cardsweep.sandbox;

import io.cardsweep.provider.ProviderName;

/**
 * One provider's API as the sandbox serves it. Each provider gets its own implementation so that its
 * quirks (envelopes, auth, limits) stay in one class; the router only knows base paths.
 */
interface ProviderSimulator {

    ProviderName provider();

    /** Where the provider's documented base URL maps to on the sandbox, e.g. {@code /cartevo/api/v1}. */
    String basePath();

    /** Answers one request; {@code request.path()} is relative to {@link #basePath()}. */
    SandboxResponse handle(SandboxRequest request);

    /**
     * Whether the request terminates a card, which moves money like a withdrawal does, so the injected faults touch it
     * too: a termination can be dropped after executing just as a withdrawal can.
     */
    default boolean isTermination(SandboxRequest request) {
        return false;
    }

    /** A server error in the provider's own shape, answered by an injected fault: nothing was executed. */
    default SandboxResponse serverError() {
        return new SandboxResponse(500, java.util.Map.of("success", false, "message", "Internal server error"));
    }

    /** A 429 in the provider's own shape, answered by an injected fault: nothing was executed. */
    default SandboxResponse tooManyRequests() {
        return new SandboxResponse(429, java.util.Map.of("success", false, "message", "Too many requests")).withHeader("Retry-After", "1");
    }
}
