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
}
